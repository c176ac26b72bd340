import { render } from 'preact';
import '../../components/tandem.css';
import './manager.css';
import { ManagerApp } from './App';

document.body.classList.add('tdm-root');
document.body.style.margin = '0';
render(<ManagerApp />, document.getElementById('app')!);
