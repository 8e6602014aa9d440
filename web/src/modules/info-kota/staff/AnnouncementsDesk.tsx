import '../strings';
import { useState } from 'react';
import { announcementInput } from '../../../../../shared/modules/info-kota';
import { api } from '../../../core/api';
import { useApi } from '../../../core/hooks';
import { useLang } from '../../../core/i18n';
import { Card, Check, Field, SelectField, TextAreaField, useToast } from '../../../core/ui';
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
import { type AnnouncementView, BASE, type DeskMeView } from '../api';
import { localFromNow, toLocalInput } from './time';

type Area = { code: string; name: string };
type Draft = {
  title: string;
  body: string;
  validFrom: string;
  validUntil: string;
  kecamatan: string;
  kelurahan: string;
  audience: 'semua' | 'pengguna-layanan';
  audienceModule: string;
  urgent: boolean;
};

const blank = (zone: string): Draft => ({
  title: '',
  body: '',
  validFrom: localFromNow(0, zone),
  validUntil: localFromNow(24, zone),
  kecamatan: '',
  kelurahan: '',
  audience: 'semua',
  audienceModule: '',
  urgent: false,
});

function stateOf(a: AnnouncementView, now: number): 'withdrawn' | 'inForce' | 'upcoming' | 'ended' {
  if (a.withdrawn) return 'withdrawn';
  if (Date.parse(a.validFrom) > now) return 'upcoming';
  if (Date.parse(a.validUntil) <= now) return 'ended';
  return 'inForce';
}

/** Announcements: editors publish them for the region or one kecamatan/kelurahan; writers see them. */
export default function AnnouncementsDesk({ desk }: { desk: DeskMeView }) {
  const { t } = useLang();
  const format = useFormat();
  const toast = useToast();
  const list = useApi<AnnouncementView[]>(`${BASE}/desk/announcements`);
  const kecamatan = useApi<Area[]>('/region/areas');
  const [draft, setDraft] = useState<Draft>(() => blank(desk.timeZone));
  const [editing, setEditing] = useState<string | null>(null);
  const kelurahan = useApi<Area[]>(draft.kecamatan ? `/region/areas?parent=${draft.kecamatan}` : null);
  const form = useSubmit();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const now = Date.now();

  function edit(a: AnnouncementView) {
    const kec = a.areaCode?.split('.').slice(0, 3).join('.') ?? '';
    setEditing(a.id);
    setDraft({
      title: a.title,
      body: a.body,
      validFrom: toLocalInput(a.validFrom, desk.timeZone),
      validUntil: toLocalInput(a.validUntil, desk.timeZone),
      kecamatan: kec,
      kelurahan: a.areaCode && a.areaCode !== kec ? a.areaCode : '',
      audience: a.audience,
      audienceModule: a.audienceModule ?? '',
      urgent: a.urgent,
    });
    document.getElementById('ik-ann-title-field')?.focus();
  }
  function cancel() {
    setEditing(null);
    setDraft(blank(desk.timeZone));
    form.clear();
  }

  function submit() {
    const body = {
      title: draft.title,
      body: draft.body,
      validFrom: draft.validFrom,
      validUntil: draft.validUntil,
      areaCode: draft.kelurahan || draft.kecamatan || null,
      audience: draft.audience,
      audienceModule: draft.audience === 'pengguna-layanan' ? draft.audienceModule || null : null,
      urgent: draft.urgent,
    };
    return form.submit(announcementInput, body, async (data) => {
      await api(editing ? `${BASE}/desk/announcements/${editing}` : `${BASE}/desk/announcements`, {
        method: editing ? 'PUT' : 'POST',
        body: data,
      });
      toast(t('infoKota.desk.annSaved'));
      cancel();
      list.reload();
    });
  }

  return (
    <div className={desk.editor ? 'ik-split' : undefined}>
      <Card title={t('infoKota.staff.tabAnnouncements')}>
        <LoadState state={list} empty={t('infoKota.desk.annEmpty')} />
        <DataTable
          rowTestId="ik-ann-row"
          rows={list.data ?? []}
          rowKey={(a) => a.id}
          columns={[
            {
              header: t('infoKota.desk.annTitle'),
              cell: (a) => (
                <>
                  {a.urgent ? (
                    <span className="ik-urgent-badge">{t('infoKota.announcements.urgent')}</span>
                  ) : null}{' '}
                  <span className="ik-row-title">{a.title}</span>
                </>
              ),
            },
            { header: t('infoKota.desk.area'), cell: (a) => a.areaName ?? t('infoKota.desk.wholeRegion') },
            {
              header: t('infoKota.desk.period'),
              cell: (a) => `${format.dateTime(a.validFrom)} – ${format.dateTime(a.validUntil)}`,
            },
            {
              header: t('infoKota.desk.state'),
              cell: (a) => t(`infoKota.desk.${stateOf(a, now)}`),
            },
          ]}
          actions={
            desk.editor
              ? (a) =>
                  a.withdrawn ? null : (
                    <>
                      <RowButton subject={a.title} onClick={() => edit(a)}>
                        {t('infoKota.desk.edit')}
                      </RowButton>
                      <ConfirmButton
                        subject={a.title}
                        confirm={t('infoKota.desk.withdrawConfirm')}
                        onConfirm={async () => {
                          await api(`${BASE}/desk/announcements/${a.id}/withdraw`, { method: 'POST' });
                          list.reload();
                        }}
                      >
                        {t('infoKota.desk.withdraw')}
                      </ConfirmButton>
                    </>
                  )
              : undefined
          }
        />
      </Card>
      {desk.editor ? (
        <Card title={editing ? t('infoKota.desk.annEdit') : t('infoKota.desk.annNew')}>
          <Form onSubmit={submit} error={form.formError}>
            <Field
              id="ik-ann-title-field"
              label={t('infoKota.desk.annTitle')}
              value={draft.title}
              onChange={(e) => set('title', e.target.value)}
              error={form.errors.title}
              data-testid="ik-ann-title"
            />
            <TextAreaField
              label={t('infoKota.desk.annBody')}
              rows={4}
              value={draft.body}
              onChange={(e) => set('body', e.target.value)}
              error={form.errors.body}
            />
            <div className="ik-form-row">
              <Field
                type="datetime-local"
                label={t('infoKota.desk.validFrom', { zone: desk.timeZone })}
                value={draft.validFrom}
                onChange={(e) => set('validFrom', e.target.value)}
                error={form.errors.validFrom}
              />
              <Field
                type="datetime-local"
                label={t('infoKota.desk.validUntil', { zone: desk.timeZone })}
                value={draft.validUntil}
                onChange={(e) => set('validUntil', e.target.value)}
                error={form.errors.validUntil}
              />
            </div>
            <div className="ik-form-row">
              <SelectField
                label={t('infoKota.desk.area')}
                value={draft.kecamatan}
                onChange={(e) => setDraft((d) => ({ ...d, kecamatan: e.target.value, kelurahan: '' }))}
                options={[
                  { value: '', label: t('infoKota.desk.wholeRegion') },
                  ...(kecamatan.data ?? []).map((a) => ({ value: a.code, label: a.name })),
                ]}
                error={form.errors.areaCode}
              />
              {draft.kecamatan ? (
                <SelectField
                  label={t('infoKota.desk.kelurahan')}
                  value={draft.kelurahan}
                  onChange={(e) => set('kelurahan', e.target.value)}
                  options={[
                    { value: '', label: t('infoKota.desk.allKelurahan') },
                    ...(kelurahan.data ?? []).map((a) => ({ value: a.code, label: a.name })),
                  ]}
                />
              ) : null}
            </div>
            <div className="ik-form-row">
              <SelectField
                label={t('infoKota.desk.audience')}
                value={draft.audience}
                onChange={(e) => set('audience', e.target.value as Draft['audience'])}
                options={[
                  { value: 'semua', label: t('infoKota.desk.audienceAll') },
                  { value: 'pengguna-layanan', label: t('infoKota.desk.audienceService') },
                ]}
              />
              {draft.audience === 'pengguna-layanan' ? (
                <Field
                  label={t('infoKota.desk.audienceModule')}
                  value={draft.audienceModule}
                  onChange={(e) => set('audienceModule', e.target.value)}
                  placeholder="laksa"
                  error={form.errors.audienceModule}
                />
              ) : null}
            </div>
            <Check
              label={t('infoKota.desk.urgent')}
              checked={draft.urgent}
              onChange={(e) => set('urgent', e.target.checked)}
            />
            <FormActions
              label={editing ? t('infoKota.desk.saveChanges') : t('infoKota.desk.publish')}
              busy={form.busy}
              testId="ik-ann-save"
              onCancel={editing ? cancel : null}
            />
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
