// Loaded by mocha before the suites that need the emulators (scripts/dev.mjs passes it with
// --require): the process-wide set-up that the kit leaves to an explicit call.
import { assertEmulators } from './kit/emulators';
import { useServerParams } from './kit/server-params';

assertEmulators();
useServerParams();
