'use client';

import { useEffect, useState } from 'react';

const button = 'rounded-md border border-rule px-3 py-1.5 text-sm font-medium hover:border-ink';

/** Pin until a local date and time; the browser's UTC offset travels with it so the server can read it. */
export function PinForm({ id, pinned, action }: { id: string; pinned: boolean; action: (form: FormData) => Promise<void> }) {
  const [tz, setTz] = useState(0);
  const [until, setUntil] = useState('');
  useEffect(() => {
    const d = new Date(Date.now() + 24 * 3_600_000);
    setTz(d.getTimezoneOffset());
    setUntil(new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16));
  }, []);
  return (
    <div className="flex items-end gap-2">
      <form action={action} className="flex items-end gap-2">
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="op" value="pin" />
        <input type="hidden" name="tz" value={tz} />
        <label className="font-medium">
          Pin to top until
          <input
            name="value"
            type="datetime-local"
            required
            value={until}
            onChange={(e) => setUntil(e.target.value)}
            className="mt-1 block rounded-md border border-rule bg-paper px-2 py-1.5"
          />
        </label>
        <button type="submit" className={button}>
          Pin
        </button>
      </form>
      {pinned ? (
        <form action={action}>
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="op" value="unpin" />
          <button type="submit" className={button}>
            Unpin
          </button>
        </form>
      ) : null}
    </div>
  );
}
