import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { coreStrings } from './core/i18n';
import './core/ui/ui.css';
import { App } from './App';

// index.html already shows the app shell; React takes over once the active language's strings
// are here (a failure still renders: the app shows its own "could not load" states).
await coreStrings.catch(() => undefined);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
