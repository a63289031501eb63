import './zod-jitless.js';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './app.css';

createRoot(document.getElementById('root')!).render(<App />);
