import { type InputHTMLAttributes, type ReactNode } from 'react';

export const inputClass =
  'mt-1 block w-full rounded-md border border-rule bg-surface px-3 py-2 text-ink placeholder:text-ink-muted focus-visible:border-accent';

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: ReactNode;
  /** A line under the input, tied to it by aria-describedby. */
  hint?: ReactNode;
}

/** A labelled input (name defaults to the id), as every sign-in, sign-up and settings form lays one out. */
export function TextField({ id, label, hint, className, ...input }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input id={id} name={id} aria-describedby={hintId} {...input} className={className ? `${inputClass} ${className}` : inputClass} />
      {hint ? (
        <p id={hintId} className="mt-1 text-sm text-ink-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A form's outcome: an error as an alert, a success message as a status; nothing when neither is set. */
export function FormMessage({ error, message }: { error?: string | null; message?: string | null }) {
  if (error)
    return (
      <p role="alert" className="text-sm font-medium text-danger">
        {error}
      </p>
    );
  if (message)
    return (
      <p role="status" className="text-sm font-medium">
        {message}
      </p>
    );
  return null;
}

/** The three password fields of redeeming a reset code an admin issued. */
export function ResetCodeFields() {
  return (
    <>
      <TextField id="token" label="Reset code" type="text" autoComplete="off" spellCheck={false} required className="font-mono" />
      <TextField id="password" label="New password" type="password" autoComplete="new-password" minLength={8} required />
      <TextField id="confirm" label="New password again" type="password" autoComplete="new-password" minLength={8} required />
    </>
  );
}
