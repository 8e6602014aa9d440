import { useState } from 'react';
import { api, errorMessage } from '../api';
import { useApi } from '../hooks';
import { useLang } from '../i18n';
import { type SubmitOptions, useForm } from './form';
import { useToast } from './Toast';

/**
 * Row actions on a loaded list: `run(send, done)` runs `send`, toasts `done` and reloads; a failure is
 * toasted as an error.
 */
export function useRowAction(reload: () => void) {
  const toast = useToast();
  return async function run(send: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await send();
      toast(done);
      reload();
    } catch (err) {
      toast(errorMessage(err), 'error');
    }
  };
}

export interface EditableListOptions<T, D> {
  /** The collection: GET lists it, POST adds to it, `itemPath(row)` is PATCHed and DELETEd. */
  path: string;
  /** What to GET when it is not `path` (e.g. with a query). */
  listPath?: string;
  /** The empty form. */
  blank: D;
  /** The form for a row opened with `edit(row)`. */
  toDraft?: (row: T) => D;
  /** Focused when a row is opened for editing (the form's first field). */
  focusId?: string;
  /** One row's path; `${path}/${row.id}` by default. */
  itemPath?: (row: T) => string;
}

/**
 * A list loaded from the API next to an add/edit form: load state, the form (`useForm`), the row being
 * edited, `save` (POST, or PATCH when editing), `remove`, `patch` and `run` for row buttons, all with toasts.
 */
export function useEditableList<T, D extends object>(options: EditableListOptions<T, D>) {
  const { path, blank, toDraft, focusId } = options;
  const { t } = useLang();
  const toast = useToast();
  const list = useApi<T[]>(options.listPath ?? path);
  const form = useForm(blank);
  const run = useRowAction(list.reload);
  const [editing, setEditing] = useState<T | null>(null);
  const itemPath = options.itemPath ?? ((row: T) => `${path}/${(row as { id: string }).id}`);

  function edit(row: T) {
    setEditing(row);
    if (toDraft) form.setDraft(toDraft(row));
    form.clear();
    if (focusId) document.getElementById(focusId)?.focus();
  }

  function reset() {
    setEditing(null);
    form.setDraft(blank);
    form.clear();
  }

  /**
   * Validates `value` and POSTs it (PATCHes the row being edited), toasts `added` (or "Saved"), calls
   * `onSaved` with the API's answer, empties the form and reloads the list.
   */
  function save<R = unknown>(
    schema: Parameters<typeof form.submit>[0],
    value: unknown,
    {
      added,
      onSaved,
      ...submitOptions
    }: { added: string; onSaved?: (saved: R, wasEditing: boolean) => void } & SubmitOptions,
  ): Promise<void> {
    return form.submit(
      schema,
      value,
      async (body) => {
        const saved = editing
          ? await api<R>(itemPath(editing), { method: 'PATCH', body })
          : await api<R>(path, { method: 'POST', body });
        toast(editing ? t('common.saved') : added);
        onSaved?.(saved, editing !== null);
        reset();
        list.reload();
      },
      submitOptions,
    );
  }

  /** DELETEs the row and toasts `done`; closes the form if it held that row. */
  function remove(row: T, done: string): Promise<void> {
    return run(async () => {
      await api(itemPath(row), { method: 'DELETE' });
      if (editing && itemPath(editing) === itemPath(row)) reset();
    }, done);
  }

  /** PATCHes one row (e.g. a switch in the row) and toasts `done`. */
  function patch(row: T, body: unknown, done: string): Promise<void> {
    return run(() => api(itemPath(row), { method: 'PATCH', body }), done);
  }

  /** Props for `FormActions`: "Add", or "Save" and "Cancel" while a row is open. */
  const formActions = {
    label: editing ? t('common.save') : t('common.add'),
    busy: form.busy,
    onCancel: editing ? reset : null,
  };

  return { ...list, ...form, editing, edit, reset, save, remove, patch, run, formActions };
}
