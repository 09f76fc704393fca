// An OAuth access token of the functions' own service account, for Google APIs no Admin SDK client
// covers (Speech-to-Text). The Admin SDK's application-default credential already asks for the
// cloud-platform scope and caches its token; using it adds no dependency.
import { app } from './firebase';

export async function googleAccessToken(): Promise<string> {
  const credential = app().options.credential;
  if (!credential) throw new Error('the Admin SDK app has no credential');
  return (await credential.getAccessToken()).access_token;
}
