/**
 * Lists, tables and forms of the staff console (admin pages, LAKSA staff dialogs). Not re-exported from
 * `./index` so that the citizen bundle, which loads `core/ui` up front, does not carry them.
 */
export {
  ActiveBadge,
  type Column,
  ConfirmButton,
  DataTable,
  LoadState,
  RowButton,
  SecretNotice,
} from './DataTable';
export { Form, FormActions, type SubmitOptions, toggled, useForm, useSubmit } from './form';
export { type EditableListOptions, useEditableList, useRowAction } from './useEditableList';
