// Server render under moduleResolution nodenext: the HTML the page starts with.
import { renderToString } from 'react-dom/server'
import { App } from './app.js'

export function renderPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSR</title></head>
<body><div id="root">${renderToString(<App />)}</div><script type="module" src="/client.js"></script></body></html>`
}
