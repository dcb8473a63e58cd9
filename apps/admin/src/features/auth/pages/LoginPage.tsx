import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router-dom';
import { paths } from '../../../app/paths';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { Logo } from '../../../components/Logo';
import { ApiError } from '../../../lib/api-client';
import { useLogin } from '../api/login';
import { useSession } from '../session';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginPage() {
  const { session, endedBecause, signIn } = useSession();
  const [params] = useSearchParams();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);

  if (session) return <Navigate to={safeNext(params.get('next'))} replace />;

  const emailError =
    touched && !EMAIL.test(email.trim()) ? 'Enter the email address of your Parley account' : null;
  const passwordError = touched && password.length === 0 ? 'Enter your password' : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!EMAIL.test(email.trim()) || password.length === 0) return;
    login.mutate({ email: email.trim(), password }, { onSuccess: signIn });
  };

  const apiError =
    login.error instanceof ApiError ? login.error.message : login.error ? 'Could not sign in' : null;

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div className="login-brand">
          <Logo size={40} />
          <span>Parley</span>
        </div>
        <h1 id="login-title">Sign in</h1>
        <p className="muted">Run your WhatsApp assistant, leads and conversations.</p>
        {endedBecause === 'expired' && (
          <p className="notice notice-warning" role="status">
            Your session has expired. Please sign in again.
          </p>
        )}
        <Field
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={emailError}
          autoFocus
        />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={passwordError}
        />
        {apiError && (
          <p className="form-error" role="alert">
            {apiError}
          </p>
        )}
        <Button type="submit" loading={login.isPending} className="btn-block">
          Sign in
        </Button>
      </form>
    </main>
  );
}

/** Only same-app paths: a `next` pointing elsewhere would be an open redirect. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : paths.home;
}
