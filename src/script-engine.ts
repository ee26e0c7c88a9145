// The engine's chunk for the script tag (dist/localshelf-engine.js, an ES module): everything the
// first paint can do without (catalog validation, ranking, IndexedDB, the worker client). The
// script tag imports it right away, but a returning shopper's shelves paint from the shelf cache
// before it has arrived.
export { createLocalshelf } from './app/engine'
