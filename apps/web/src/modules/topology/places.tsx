import {
  createOdpSchema,
  createSiteSchema,
  updateOdpSchema,
  updateSiteSchema,
  type Odp,
  type Site,
} from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { PlusIcon } from '../../components/icons';
import { DataTable, QueryState, type Column } from '../../components/paged-table';
import { FormActions, useFormErrors } from '../../components/form-dialog';
import { coordinateText, parseCoordinate } from '../../lib/network-format';
import { useDeleteTopologyItem, useOdps, useSaveOdp, useSaveSite, useSites } from './api';

interface PlaceDraft {
  name: string;
  kind: string;
  parentId: string;
  siteId: string;
  capacity: string;
  latitude: string;
  longitude: string;
  notes: string;
}

function draftOf(item: Site | Odp | null, kind: string): PlaceDraft {
  return {
    name: item?.name ?? '',
    kind: item?.kind ?? kind,
    parentId: item?.parentId ?? '',
    siteId: item && 'siteId' in item ? (item.siteId ?? '') : '',
    capacity: item && 'capacity' in item ? String(item.capacity) : '16',
    latitude: coordinateText(item?.latitude),
    longitude: coordinateText(item?.longitude),
    notes: item?.notes ?? '',
  };
}

function PlaceForm({
  type,
  item,
  sites,
  odps,
  onSaved,
}: {
  type: 'site' | 'odp';
  item: Site | Odp | null;
  sites: readonly Site[];
  odps: readonly Odp[];
  onSaved: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const saveSite = useSaveSite();
  const saveOdp = useSaveOdp();
  const save = type === 'site' ? saveSite : saveOdp;
  const [draft, setDraft] = useState<PlaceDraft>(() =>
    draftOf(item, type === 'site' ? 'area' : 'odp'),
  );
  const { errors, fromError, fromIssues, clear } = useFormErrors();
  const set =
    (key: keyof PlaceDraft) =>
    (value: string): void =>
      setDraft((c) => ({ ...c, [key]: value }));

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const common = {
      name: draft.name,
      kind: draft.kind,
      parentId: draft.parentId || null,
      latitude: parseCoordinate(draft.latitude),
      longitude: parseCoordinate(draft.longitude),
      notes: draft.notes.trim() === '' ? null : draft.notes,
    };
    const body =
      type === 'site'
        ? common
        : { ...common, siteId: draft.siteId || null, capacity: Number(draft.capacity || NaN) };
    const schema =
      type === 'site'
        ? item
          ? updateSiteSchema
          : createSiteSchema
        : item
          ? updateOdpSchema
          : createOdpSchema;
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      fromIssues(parsed.error);
      return;
    }
    clear();
    const options = {
      onSuccess: onSaved,
      onError: fromError,
    };
    if (type === 'site')
      saveSite.mutate({ id: item?.id ?? null, body: parsed.data as Site }, options);
    else saveOdp.mutate({ id: item?.id ?? null, body: parsed.data as Odp }, options);
  };

  const parents =
    type === 'site'
      ? sites.filter((s) => s.id !== item?.id)
      : odps.filter((o) => o.kind === 'odc' && o.id !== item?.id);
  const none = { value: '', label: t('common.none') };
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('topology.fields.name')}
          name="name"
          value={draft.name}
          onChange={(event) => set('name')(event.target.value)}
          error={errors['name']}
          autoComplete="off"
          autoFocus
          required
        />
        <SelectField
          label={t('topology.fields.kind')}
          name="kind"
          value={draft.kind}
          onChange={(event) => set('kind')(event.target.value)}
          options={(type === 'site' ? ['area', 'pop'] : ['odc', 'odp']).map((value) => ({
            value,
            label: t(`topology.kinds.${value}`),
          }))}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('topology.fields.parent')}
          name="parentId"
          value={draft.parentId}
          onChange={(event) => set('parentId')(event.target.value)}
          options={[none, ...parents.map((p) => ({ value: p.id, label: p.name }))]}
          error={errors['parentId']}
        />
        {type === 'odp' && (
          <SelectField
            label={t('topology.fields.site')}
            name="siteId"
            value={draft.siteId}
            onChange={(event) => set('siteId')(event.target.value)}
            options={[none, ...sites.map((s) => ({ value: s.id, label: s.name }))]}
          />
        )}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {type === 'odp' && (
          <TextField
            label={t('topology.fields.capacity')}
            name="capacity"
            inputMode="numeric"
            value={draft.capacity}
            onChange={(event) => set('capacity')(event.target.value.replace(/\D/g, '').slice(0, 4))}
            error={errors['capacity']}
          />
        )}
        <TextField
          label={t('common.latitude')}
          name="latitude"
          inputMode="decimal"
          value={draft.latitude}
          onChange={(event) => set('latitude')(event.target.value)}
          error={errors['latitude']}
        />
        <TextField
          label={t('common.longitude')}
          name="longitude"
          inputMode="decimal"
          value={draft.longitude}
          onChange={(event) => set('longitude')(event.target.value)}
          error={errors['longitude']}
        />
      </div>
      <TextField
        label={t('common.notes')}
        name="notes"
        value={draft.notes}
        onChange={(event) => set('notes')(event.target.value)}
        error={errors['notes']}
      />
      <FormActions
        submitLabel={t('common.save')}
        pending={save.isPending}
        error={save.error}
        fieldErrors={errors}
      />
    </form>
  );
}

/** Sites (areas, POPs) or ODC/ODP as a table with create, edit and delete. */
export function PlacesList({
  type,
  canWrite,
}: {
  type: 'site' | 'odp';
  canWrite: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const sites = useSites();
  const odps = useOdps();
  const remove = useDeleteTopologyItem(type === 'site' ? '/sites' : '/odps');
  const [editing, setEditing] = useState<Site | Odp | null | 'new'>(null);
  const [deleting, setDeleting] = useState<Site | Odp | null>(null);
  const query = type === 'site' ? sites : odps;
  const siteList = sites.data?.data ?? [];
  const odpList = odps.data?.data ?? [];
  const rows: (Site | Odp)[] = type === 'site' ? siteList : odpList;
  const nameOf = new Map<string, string>([...siteList, ...odpList].map((p) => [p.id, p.name]));
  const columns: Column<Site | Odp>[] = [
    {
      key: 'name',
      header: t('topology.fields.name'),
      cell: (row) => (
        <div className="flex flex-wrap items-center gap-1.5">
          <Badge tone={row.kind === 'odc' || row.kind === 'pop' ? 'brand' : 'neutral'}>
            {t(`topology.kinds.${row.kind}`)}
          </Badge>
          <span className="font-medium">{row.name}</span>
        </div>
      ),
    },
    {
      key: 'parent',
      header: t('topology.fields.parent'),
      headerClassName: 'hidden sm:table-cell',
      className: 'hidden text-zinc-600 sm:table-cell dark:text-zinc-300',
      cell: (row) => (row.parentId ? (nameOf.get(row.parentId) ?? '…') : '—'),
    },
  ];
  if (type === 'odp') {
    columns.push({
      key: 'used',
      header: t('topology.fields.used'),
      headerClassName: '',
      className: 'tabular-nums',
      cell: (row) =>
        'capacity' in row ? (
          <>
            {row.used}/{row.capacity}
          </>
        ) : null,
    });
  }
  columns.push({
    key: 'coordinates',
    header: t('common.coordinates'),
    headerClassName: 'hidden md:table-cell',
    className: 'hidden font-mono text-xs md:table-cell',
    cell: (row) =>
      row.latitude !== null && row.longitude !== null ? `${row.latitude}, ${row.longitude}` : '—',
  });
  if (canWrite) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">{t('common.actions')}</span>,
      headerClassName: 'text-right',
      className: 'text-right whitespace-nowrap',
      cell: (row) => (
        <>
          <Button size="sm" variant="ghost" onClick={() => setEditing(row)}>
            {t('common.edit')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="text-red-600 hover:text-red-700 dark:text-red-400"
            onClick={() => {
              remove.reset();
              setDeleting(row);
            }}
          >
            {t('common.delete')}
          </Button>
        </>
      ),
    });
  }

  return (
    <>
      {canWrite && (
        <div className="flex justify-end border-b border-zinc-200 p-3 dark:border-zinc-800">
          <Button size="sm" variant="primary" onClick={() => setEditing('new')}>
            <PlusIcon /> {type === 'site' ? t('topology.newSite') : t('topology.newOdp')}
          </Button>
        </div>
      )}
      <QueryState
        pending={query.isPending}
        error={query.isError ? query.error : null}
        empty={rows.length === 0}
        emptyTitle={type === 'site' ? t('topology.emptySites') : t('topology.emptyOdps')}
      >
        <DataTable
          label={type === 'site' ? t('topology.sites') : t('topology.odps')}
          rows={rows}
          rowKey={(row) => row.id}
          columns={columns}
        />
      </QueryState>
      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={type === 'site' ? t('topology.siteTitle') : t('topology.odpTitle')}
        size="lg"
      >
        {editing !== null && (
          <PlaceForm
            type={type}
            item={editing === 'new' ? null : editing}
            sites={siteList}
            odps={odpList}
            onSaved={() => setEditing(null)}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t('topology.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
      >
        <p>{t('topology.deleteConfirm', { name: deleting?.name ?? '' })}</p>
      </ConfirmDialog>
    </>
  );
}
