import { addStrings } from '../../core/i18n';
import en from './locales/en.json';
import id from './locales/id.json';

/** The live module's strings, under `live-usage.*` (the wall's own strings are the core's `live.*`). */
addStrings('live-usage', { id, en });
