import { render } from 'preact';

render(<p>Context Explainers</p>, document.getElementById('app')!);
