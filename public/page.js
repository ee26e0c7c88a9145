// Pages with no script of their own (privacy, stats): the header's cart count.
import { initPage } from './shop.js'

initPage()
