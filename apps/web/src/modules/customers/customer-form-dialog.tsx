import { createCustomerSchema, updateCustomerSchema, type Customer } from '@jaring/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/field';
import { EditorDialog, FormActions, useFormErrors } from '../../components/form-dialog';
import { useDraft } from '../../components/use-draft';
import { coordinateText, parseCoordinate } from '../../lib/network-format';
import { can, useCurrentUser } from '../../lib/session';
import { useOdps, useSites } from '../topology/api';
import { useCreateCustomer, useUpdateCustomer } from './api';

interface Draft {
  name: string;
  phone: string;
  email: string;
  address: string;
  nationalId: string;
  latitude: string;
  longitude: string;
  siteId: string;
  odpId: string;
  odpPort: string;
  notes: string;
  portalPassword: string;
}

/** The API masks the NIK (`************1234`) for roles that may not read it. */
export function isMasked(nationalId: string | null): boolean {
  return nationalId !== null && nationalId.includes('*');
}

function draftFrom(customer: Customer | null): Draft {
  return {
    name: customer?.name ?? '',
    phone: customer?.phone ?? '',
    email: customer?.email ?? '',
    address: customer?.address ?? '',
    nationalId: customer && !isMasked(customer.nationalId) ? (customer.nationalId ?? '') : '',
    latitude: coordinateText(customer?.latitude),
    longitude: coordinateText(customer?.longitude),
    siteId: customer?.siteId ?? '',
    odpId: customer?.odpId ?? '',
    odpPort: customer?.odpPort === null || !customer ? '' : String(customer.odpPort),
    notes: customer?.notes ?? '',
    portalPassword: '',
  };
}

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

function bodyOf(draft: Draft, customer: Customer | null): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: draft.name,
    phone: orNull(draft.phone),
    email: orNull(draft.email),
    address: orNull(draft.address),
    nationalId: orNull(draft.nationalId),
    latitude: parseCoordinate(draft.latitude),
    longitude: parseCoordinate(draft.longitude),
    siteId: draft.siteId || null,
    odpId: draft.odpId || null,
    odpPort: draft.odpPort === '' ? null : Number(draft.odpPort),
    notes: orNull(draft.notes),
  };
  // The portal password is only sent when one is typed (blank keeps the current one).
  if (draft.portalPassword !== '') body['portalPassword'] = draft.portalPassword;
  // A masked NIK left blank stays as it is.
  if (customer && isMasked(customer.nationalId) && draft.nationalId.trim() === '')
    delete body['nationalId'];
  return body;
}

function CustomerForm({
  customer,
  onSaved,
}: {
  customer: Customer | null;
  onSaved: (saved: Customer) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const topology = can(me, 'topology:read');
  const sites = useSites(topology);
  const odps = useOdps(topology);
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const [draft, set] = useDraft<Draft>(() => draftFrom(customer));
  const { errors, fromError, fromIssues, clear } = useFormErrors();
  const editing = customer !== null;
  const save = editing ? update : create;
  const masked = customer !== null && isMasked(customer.nationalId);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const body = bodyOf(draft, customer);
    const parsed = (editing ? updateCustomerSchema : createCustomerSchema).safeParse(body);
    if (!parsed.success) {
      fromIssues(parsed.error);
      return;
    }
    clear();
    if (editing)
      update.mutate(
        { id: customer.id, body: parsed.data },
        { onSuccess: onSaved, onError: fromError },
      );
    else
      create.mutate(createCustomerSchema.parse(body), { onSuccess: onSaved, onError: fromError });
  };
  const odpOptions = [
    { value: '', label: t('common.none') },
    ...(odps.data?.data ?? [])
      .filter((odp) => !draft.siteId || !odp.siteId || odp.siteId === draft.siteId)
      .map((odp) => ({
        value: odp.id,
        label: `${odp.name} (${odp.used}/${odp.capacity})`,
      })),
  ];

  return (
    <form id="customer-form" onSubmit={submit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('customers.fields.name')}
          name="name"
          value={draft.name}
          onChange={(event) => set('name')(event.target.value)}
          error={errors['name']}
          autoComplete="off"
          autoFocus
          required
        />
        <TextField
          label={t('customers.fields.phone')}
          name="phone"
          type="tel"
          inputMode="tel"
          value={draft.phone}
          onChange={(event) => set('phone')(event.target.value)}
          error={errors['phone'] && t('customers.phoneInvalid')}
          placeholder="0812 3456 7890"
          autoComplete="off"
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('customers.fields.email')}
          name="email"
          type="email"
          value={draft.email}
          onChange={(event) => set('email')(event.target.value)}
          error={errors['email']}
          autoComplete="off"
        />
        <TextField
          label={t('customers.fields.nationalId')}
          name="nationalId"
          inputMode="numeric"
          value={draft.nationalId}
          onChange={(event) =>
            set('nationalId')(event.target.value.replace(/\D/g, '').slice(0, 16))
          }
          error={errors['nationalId'] && t('customers.nationalIdInvalid')}
          placeholder={masked ? (customer.nationalId ?? '') : '3201…'}
          hint={masked ? t('customers.nationalIdMasked') : undefined}
          autoComplete="off"
        />
      </div>
      <TextField
        label={t('customers.fields.address')}
        name="address"
        value={draft.address}
        onChange={(event) => set('address')(event.target.value)}
        error={errors['address']}
        autoComplete="off"
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('common.latitude')}
          name="latitude"
          inputMode="decimal"
          value={draft.latitude}
          onChange={(event) => set('latitude')(event.target.value)}
          error={errors['latitude']}
          placeholder="-6.2"
        />
        <TextField
          label={t('common.longitude')}
          name="longitude"
          inputMode="decimal"
          value={draft.longitude}
          onChange={(event) => set('longitude')(event.target.value)}
          error={errors['longitude']}
          placeholder="106.8"
        />
      </div>
      {topology && (
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            label={t('customers.fields.site')}
            name="siteId"
            value={draft.siteId}
            onChange={(event) => set('siteId')(event.target.value)}
            options={[
              { value: '', label: t('common.none') },
              ...(sites.data?.data ?? []).map((site) => ({ value: site.id, label: site.name })),
            ]}
            error={errors['siteId']}
          />
          <SelectField
            label={t('customers.fields.odp')}
            name="odpId"
            value={draft.odpId}
            onChange={(event) => set('odpId')(event.target.value)}
            options={odpOptions}
            error={errors['odpId']}
          />
          <TextField
            label={t('customers.fields.odpPort')}
            name="odpPort"
            inputMode="numeric"
            value={draft.odpPort}
            disabled={draft.odpId === ''}
            onChange={(event) => set('odpPort')(event.target.value.replace(/\D/g, '').slice(0, 4))}
            error={errors['odpPort']}
          />
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('common.notes')}
          name="notes"
          value={draft.notes}
          onChange={(event) => set('notes')(event.target.value)}
          error={errors['notes']}
          autoComplete="off"
        />
        <TextField
          label={t('customers.fields.portalPassword')}
          name="portalPassword"
          type="password"
          value={draft.portalPassword}
          onChange={(event) => set('portalPassword')(event.target.value)}
          error={errors['portalPassword']}
          hint={
            customer?.hasPortalLogin
              ? t('customers.portalPasswordKeep')
              : t('customers.portalPasswordHint')
          }
          autoComplete="new-password"
        />
      </div>
      <FormActions
        submitLabel={editing ? t('common.save') : t('customers.create')}
        pending={save.isPending}
        error={save.error}
        fieldErrors={errors}
      />
    </form>
  );
}

export function CustomerFormDialog({
  open,
  customer,
  onClose,
  onSaved,
}: {
  open: boolean;
  customer: Customer | null;
  onClose: () => void;
  onSaved?: (saved: Customer) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <EditorDialog<Customer>
      open={open}
      onClose={onClose}
      onSaved={onSaved}
      title={
        customer ? t('customers.editTitle', { name: customer.name }) : t('customers.createTitle')
      }
      form={(saved) => <CustomerForm customer={customer} onSaved={saved} />}
    />
  );
}
