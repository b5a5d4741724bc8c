import { render } from 'preact';
import { App } from './app.tsx';
import { Session } from './api/session.ts';
import './styles.css';

render(<App session={new Session()} />, document.getElementById('root')!);
