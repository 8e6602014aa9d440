import '../strings';
import { useState } from 'react';
import { agendaInput } from '../../../../../shared/modules/info-kota';
import { api } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Card, Field, TextAreaField, useToast } from '../../../core/ui';
import {
  ConfirmButton,
  DataTable,
  Form,
  FormActions,
  LoadState,
  RowButton,
  useSubmit,
} from '../../../core/ui/admin';
import { useFormat } from '../../../core/useFormat';
import { type AgendaView, BASE, type DeskMeView } from '../api';
import { localFromNow, toLocalInput } from './time';

type Draft = {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  place: string;
  lat: string;
  lng: string;
};
const blank = (zone: string): Draft => ({
  title: '',
  description: '',
  startsAt: localFromNow(24, zone),
  endsAt: '',
  place: '',
  lat: '',
  lng: '',
});
const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/** The city agenda at the desk: writers add their OPD's events, editors any. */
export default function AgendaDesk({ desk }: { desk: DeskMeView }) {
  const { t } = useLang();
  const format = useFormat();
  const toast = useToast();
  const list = useApi<AgendaView[]>(`${BASE}/desk/agenda`);
  const [draft, setDraft] = useState<Draft>(() => blank(desk.timeZone));
  const [editing, setEditing] = useState<string | null>(null);
  const form = useSubmit();
  const field = (k: keyof Draft) => ({
    value: draft[k],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value })),
    error: form.errors[k],
  });
  function cancel() {
    setEditing(null);
    setDraft(blank(desk.timeZone));
    form.clear();
  }
  function edit(e: AgendaView) {
    setEditing(e.id);
    setDraft({
      title: e.title,
      description: e.description,
      startsAt: toLocalInput(e.startsAt, desk.timeZone),
      endsAt: e.endsAt ? toLocalInput(e.endsAt, desk.timeZone) : '',
      place: e.place,
      lat: e.lat === null ? '' : String(e.lat),
      lng: e.lng === null ? '' : String(e.lng),
    });
    document.getElementById('ik-ev-title')?.focus();
  }
  function submit() {
    const body = {
      title: draft.title,
      description: draft.description,
      startsAt: draft.startsAt,
      endsAt: draft.endsAt || null,
      place: draft.place,
      lat: num(draft.lat),
      lng: num(draft.lng),
    };
    return form.submit(agendaInput, body, async (data) => {
      await api(editing ? `${BASE}/desk/agenda/${editing}` : `${BASE}/desk/agenda`, {
        method: editing ? 'PUT' : 'POST',
        body: data,
      });
      toast(t('infoKota.desk.evSaved'));
      cancel();
      list.reload();
    });
  }
  return (
    <div className="ik-split">
      <Card title={t('infoKota.staff.tabAgenda')}>
        <LoadState state={list} empty={t('infoKota.desk.evEmpty')} />
        <DataTable
          rowTestId="ik-ev-row"
          rows={list.data ?? []}
          rowKey={(e) => e.id}
          columns={[
            {
              header: t('infoKota.desk.evTitle'),
              cell: (e) => <span className="ik-row-title">{e.title}</span>,
            },
            { header: t('infoKota.desk.when'), cell: (e) => format.dateTime(e.startsAt) },
            { header: t('infoKota.desk.place'), cell: (e) => e.place },
            { header: t('infoKota.staff.colOpd'), cell: (e) => e.opdName ?? '—' },
          ]}
          actions={(e) => (
            <>
              <RowButton subject={e.title} onClick={() => edit(e)}>
                {t('infoKota.desk.edit')}
              </RowButton>
              <ConfirmButton
                subject={e.title}
                confirm={t('infoKota.desk.evDeleteConfirm')}
                onConfirm={async () => {
                  await api(`${BASE}/desk/agenda/${e.id}`, { method: 'DELETE' });
                  list.reload();
                }}
              >
                {t('infoKota.desk.evDelete')}
              </ConfirmButton>
            </>
          )}
        />
      </Card>
      <Card title={editing ? t('infoKota.desk.evEdit') : t('infoKota.desk.evNew')}>
        <Form onSubmit={submit} error={form.formError}>
          <Field id="ik-ev-title" label={t('infoKota.desk.evTitle')} {...field('title')} />
          <TextAreaField label={t('infoKota.desk.evDescription')} rows={3} {...field('description')} />
          <div className="ik-form-row">
            <Field
              type="datetime-local"
              label={t('infoKota.desk.startsAt', { zone: desk.timeZone })}
              {...field('startsAt')}
            />
            <Field
              type="datetime-local"
              label={t('infoKota.desk.endsAt', { zone: desk.timeZone })}
              {...field('endsAt')}
            />
          </div>
          <Field label={t('infoKota.desk.place')} {...field('place')} />
          <div className="ik-form-row">
            <Field label={t('infoKota.desk.lat')} inputMode="decimal" {...field('lat')} />
            <Field label={t('infoKota.desk.lng')} inputMode="decimal" {...field('lng')} />
          </div>
          <FormActions
            label={t('infoKota.desk.evSave')}
            busy={form.busy}
            testId="ik-ev-save"
            onCancel={editing ? cancel : null}
          />
        </Form>
      </Card>
    </div>
  );
}
