import type { TenantUser } from '@parley/shared-types';
import { useState, type FormEvent } from 'react';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { Card } from '../../../components/Card';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Dialog } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { EmptyState, QueryView } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import { formatRelative } from '../../../lib/format';
import { useCreateTenantUser } from '../api/create-tenant-user';
import { useDeleteTenantUser } from '../api/delete-tenant-user';
import { useTenantUsers } from '../api/list-tenant-users';
import { useUpdateTenantUser } from '../api/update-tenant-user';
import { emailError, generatePassword, passwordError } from '../lib/password';

const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : error ? 'Something went wrong; try again' : null;

/** The tenant's admins: invite (with an initial password), disable/enable, reset password, delete. */
export function TenantAdminsCard({
  tenantId,
  highlightInvite,
}: {
  tenantId: string;
  highlightInvite?: boolean;
}) {
  const users = useTenantUsers(tenantId);
  const update = useUpdateTenantUser(tenantId);
  const remove = useDeleteTenantUser(tenantId);
  const [inviting, setInviting] = useState(false);
  const [resetting, setResetting] = useState<TenantUser | null>(null);
  const [confirm, setConfirm] = useState<{ user: TenantUser; action: 'disable' | 'delete' } | null>(null);

  return (
    <Card
      title="Admins"
      actions={
        <Button size="sm" onClick={() => setInviting(true)}>
          Invite admin
        </Button>
      }
    >
      {highlightInvite && (
        <p className="notice notice-info">
          The tenant is created. Invite its first admin: they sign in with the email and password you set
          here.
        </p>
      )}
      <QueryView query={users} loadingLabel="Loading admins…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              title="No admins yet"
              action={<Button onClick={() => setInviting(true)}>Invite the first admin</Button>}
            >
              Without an admin, nobody at this business can sign in.
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>Email</th>
                    <th>Status</th>
                    <th className="col-wide">Last sign-in</th>
                    <th>
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((user) => (
                    <tr key={user.id}>
                      <td className="cell-break">{user.email}</td>
                      <td>
                        <Badge tone={user.disabled ? 'warning' : 'success'}>
                          {user.disabled ? 'Disabled' : 'Active'}
                        </Badge>
                      </td>
                      <td className="col-wide">{formatRelative(user.last_login_at)}</td>
                      <td>
                        <div className="cell-actions">
                          {user.disabled ? (
                            <Button
                              size="sm"
                              variant="secondary"
                              loading={update.isPending && update.variables?.userId === user.id}
                              onClick={() => update.mutate({ userId: user.id, body: { disabled: false } })}
                            >
                              Enable
                            </Button>
                          ) : (
                            <Button
                              size="sm"
                              variant="secondary"
                              onClick={() => setConfirm({ user, action: 'disable' })}
                            >
                              Disable
                            </Button>
                          )}
                          <Button size="sm" variant="secondary" onClick={() => setResetting(user)}>
                            Reset password
                          </Button>
                          <Button
                            size="sm"
                            variant="ghost"
                            onClick={() => setConfirm({ user, action: 'delete' })}
                          >
                            Delete
                          </Button>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      {update.isError && !confirm && <p className="form-error">{messageOf(update.error)}</p>}

      <InviteDialog tenantId={tenantId} open={inviting} onClose={() => setInviting(false)} />
      <ResetPasswordDialog tenantId={tenantId} user={resetting} onClose={() => setResetting(null)} />
      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm?.action === 'delete' ? `Delete ${confirm.user.email}?` : `Disable ${confirm?.user.email}?`
        }
        confirmLabel={confirm?.action === 'delete' ? 'Delete admin' : 'Disable admin'}
        busy={update.isPending || remove.isPending}
        error={messageOf(confirm?.action === 'delete' ? remove.error : update.error)}
        onCancel={() => {
          update.reset();
          remove.reset();
          setConfirm(null);
        }}
        onConfirm={() => {
          if (!confirm) return;
          const done = { onSuccess: () => setConfirm(null) };
          if (confirm.action === 'delete') remove.mutate(confirm.user.id, done);
          else update.mutate({ userId: confirm.user.id, body: { disabled: true } }, done);
        }}
      >
        {confirm?.action === 'delete' ? (
          <p>The account is removed for good; the audit log keeps a record of it.</p>
        ) : (
          <p>They can no longer sign in, and any session they have ends. You can enable them again later.</p>
        )}
      </ConfirmDialog>
    </Card>
  );
}

function InviteDialog({ tenantId, open, onClose }: { tenantId: string; open: boolean; onClose: () => void }) {
  const create = useCreateTenantUser(tenantId);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const close = () => {
    setEmail('');
    setPassword('');
    setTouched(false);
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (emailError(email) || passwordError(password)) return;
    create.mutate({ email: email.trim(), password }, { onSuccess: close });
  };
  return (
    <Dialog open={open} title="Invite an admin" onClose={close} busy={create.isPending}>
      <form onSubmit={submit} noValidate>
        <p className="muted">
          Give them the email and initial password yourself; they can sign in straight away.
        </p>
        <Field
          label="Email"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={touched ? emailError(email) : null}
          autoFocus
        />
        <div className="field-with-action">
          <Field
            label="Initial password"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={touched ? passwordError(password) : null}
          />
          <Button size="sm" variant="secondary" onClick={() => setPassword(generatePassword())}>
            Generate
          </Button>
        </div>
        {create.isError && (
          <p className="form-error" role="alert">
            {messageOf(create.error)}
          </p>
        )}
        <div className="dialog-actions">
          <Button variant="secondary" onClick={close} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create admin
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ResetPasswordDialog({
  tenantId,
  user,
  onClose,
}: {
  tenantId: string;
  user: TenantUser | null;
  onClose: () => void;
}) {
  const update = useUpdateTenantUser(tenantId);
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const close = () => {
    setPassword('');
    setTouched(false);
    update.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!user || passwordError(password)) return;
    update.mutate({ userId: user.id, body: { password } }, { onSuccess: close });
  };
  return (
    <Dialog
      open={user !== null}
      title={`Reset the password of ${user?.email ?? ''}`}
      onClose={close}
      busy={update.isPending}
    >
      <form onSubmit={submit} noValidate>
        <div className="field-with-action">
          <Field
            label="New password"
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={touched ? passwordError(password) : null}
            autoFocus
          />
          <Button size="sm" variant="secondary" onClick={() => setPassword(generatePassword())}>
            Generate
          </Button>
        </div>
        {update.isError && (
          <p className="form-error" role="alert">
            {messageOf(update.error)}
          </p>
        )}
        <div className="dialog-actions">
          <Button variant="secondary" onClick={close} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Set password
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
