// ?catalog=URL&backend=wasm&shelves=for-you,trending&item=ID&learn=false&origins=https://cdn.example&consent=required&arm=holdout
const params = new URLSearchParams(location.search)
const script = document.createElement('script')
script.src = '/localshelf.js'
script.dataset.catalog = params.get('catalog') ?? '/data/catalog.json'
for (const key of ['backend', 'learn', 'db', 'model', 'origins', 'consent', 'arm', 'holdout', 'gpc', 'aggregate', 'epsilon']) if (params.has(key)) script.dataset[key] = params.get(key)
// The personal model's arm unless a test asks for the holdout: a random draw would flake.
script.dataset.arm ??= 'model'
document.head.append(script)
for (const placement of (params.get('shelves') ?? '').split(',').filter(Boolean)) {
  const shelf = document.createElement('local-shelf')
  shelf.setAttribute('placement', placement)
  if (params.has('item')) shelf.setAttribute('item', params.get('item'))
  if (params.has('template')) {
    // A shop's own card: the catalog row's fields by name, the formatted price and the reason.
    const template = document.createElement('template')
    template.innerHTML = '<img data-field="image" alt=""><strong data-field="title"></strong> <em data-field="category"></em> <span data-field="brand"></span> <b data-field="price"></b>'
    shelf.append(template)
  }
  document.getElementById('shelves').append(shelf)
}
