import { hydrateRoot } from 'react-dom/client'
import { App } from './app.js'

hydrateRoot(document.getElementById('root')!, <App />, {
  onRecoverableError: (error) => console.error('hydration:', error),
})
