// Resolves once the page's load event has fired. Firestore's listener starts only then: when its
// channel fails, the WebChannel probes the network with an image, and an image still loading holds
// the page's load event (seen in a sandbox with no route to www.google.com).
export function pageLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
}
