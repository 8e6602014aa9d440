import { addStrings } from '../../core/i18n';
import en from './locales/en.json';
import id from './locales/id.json';

/** The module's own strings (`t('darurat.…')`), registered when any 112 screen loads. */
addStrings('darurat', { id, en });
