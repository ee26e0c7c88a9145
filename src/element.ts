// npm entry for the custom element: `defineLocalShelf(() => engine)` registers <local-shelf>.
export { defineLocalShelf } from './element/local-shelf'
