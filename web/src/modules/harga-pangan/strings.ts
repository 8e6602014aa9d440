import { addStrings } from '../../core/i18n';
import en from './locales/en.json';
import id from './locales/id.json';

/** Harga Pangan's own strings under `hargaPangan.*` (imported by every entry file of the module). */
addStrings('hargaPangan', { id, en });
