// Entry point: build the context and render the app, or a readable message if the build lacks
// its configuration.
import { render } from 'preact';
import { App } from './shell/App';
import { ErrorPanel } from './ui/StatusPanels';
import { ConfigError } from './config';
import { AppCtx, type AppContext } from './app/app-context';
import { createAppContext } from './shell/context';
import './shell/styles.css';

function start(root: HTMLElement): void {
  let context: AppContext;
  try {
    context = createAppContext();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    root.textContent = '';
    render(
      <main class="centered">
        <ErrorPanel title="LectureVault is not configured" message={error.message} />
      </main>,
      root,
    );
    return;
  }
  root.textContent = '';
  render(
    <AppCtx.Provider value={context}>
      <App />
    </AppCtx.Provider>,
    root,
  );
}

const root = document.getElementById('app');
if (!root) throw new Error('#app element missing from index.html');
start(root);
