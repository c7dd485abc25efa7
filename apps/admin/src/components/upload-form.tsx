'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';

const MAX_BYTES = 50 * 1024 * 1024;

interface JobView {
  jobId: string;
  state: 'waiting' | 'active' | 'completed' | 'failed';
  rows: number | null;
  file: string | null;
  summary: { articles: number; users: number; impressions: number; seconds: number; invalid: number; clamped: number; notes: string[] } | null;
  error: string | null;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'importing'; job: JobView; importId: string; asDrafts: boolean }
  | { kind: 'error'; message: string };

interface Started {
  jobId?: string;
  uploadId?: string;
  error?: string;
}

function send(form: FormData, onProgress: (percent: number) => void): Promise<{ status: number; body: Started }> {
  // XMLHttpRequest, not fetch: it reports upload progress.
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      let body: Started = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        body = { error: `Upload failed (${xhr.status})` };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('The upload did not reach the server'));
    xhr.send(form);
  });
}

/** Uploads an import, then polls its job until it finishes, showing rows stored so far. */
export function UploadForm() {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const jobId = phase.kind === 'importing' ? phase.job.jobId : null;
  const finished = phase.kind === 'importing' && (phase.job.state === 'completed' || phase.job.state === 'failed');

  useEffect(() => {
    if (!jobId || finished) return;
    const timer = setInterval(() => {
      void fetch(`/api/uploads/${encodeURIComponent(jobId)}`)
        .then(async (res) => {
          const body = (await res.json()) as JobView & { error?: string };
          if (res.ok) setPhase((p) => (p.kind === 'importing' ? { ...p, job: body } : p));
          else setPhase({ kind: 'error', message: body.error ?? 'The import job was lost' });
        })
        .catch(() => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [jobId, finished]);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const files = form.getAll('file').filter((f): f is File => f instanceof File && f.size > 0);
    if (!files.length) return setPhase({ kind: 'error', message: 'Choose a file to upload' });
    const total = files.reduce((s, f) => s + f.size, 0);
    if (total > MAX_BYTES) return setPhase({ kind: 'error', message: `Upload is ${(total / 1048576).toFixed(1)} MB; the limit is 50 MB` });
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const { status, body } = await send(form, (percent) => setPhase({ kind: 'uploading', percent }));
      if (status !== 200 || !body.jobId || !body.uploadId) return setPhase({ kind: 'error', message: body.error ?? `Upload failed (${status})` });
      const job: JobView = { jobId: body.jobId, state: 'waiting', rows: null, file: null, summary: null, error: null };
      setPhase({ kind: 'importing', job, importId: body.uploadId, asDrafts: form.get('asDrafts') === 'on' });
    } catch (err) {
      setPhase({ kind: 'error', message: err instanceof Error ? err.message : 'Upload failed' });
    }
  }

  const busy = phase.kind === 'uploading' || (phase.kind === 'importing' && !finished);
  return (
    <div className="mt-6 max-w-xl">
      <form onSubmit={(e) => void onSubmit(e)} className="space-y-3">
        <label htmlFor="upload-file" className="block text-sm font-medium">
          File(s)
        </label>
        <input id="upload-file" name="file" type="file" multiple accept=".jsonl,.ndjson,.xml,.rss,.atom,.zip,.tsv" className="block w-full text-sm" />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="skipInvalid" />
          Skip invalid items (import the valid ones and list the rest; otherwise a file with an invalid item imports nothing)
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="asDrafts" />
          Import as drafts (new articles are not shown to readers until an editor publishes them)
        </label>
        <button type="submit" disabled={busy} className="rounded-md bg-ink px-4 py-2 font-medium text-paper hover:opacity-90 disabled:opacity-60">
          Upload and import
        </button>
      </form>
      <div className="mt-4 text-sm" aria-live="polite">
        {phase.kind === 'uploading' ? (
          <>
            <p>Uploading… {phase.percent}%</p>
            <progress max={100} value={phase.percent} className="w-full" aria-label="Upload progress" />
          </>
        ) : null}
        {phase.kind === 'importing' ? <JobProgress job={phase.job} importId={phase.importId} asDrafts={phase.asDrafts} /> : null}
        {phase.kind === 'error' ? (
          <p role="alert" className="font-medium text-danger">
            {phase.message}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function JobProgress({ job, importId, asDrafts }: { job: JobView; importId: string; asDrafts: boolean }) {
  if (job.state === 'failed') {
    return (
      <p role="alert" className="whitespace-pre-line font-medium text-danger">
        Import failed: {job.error}
      </p>
    );
  }
  if (job.state === 'completed' && job.summary) {
    const s = job.summary;
    return (
      <div role="status">
        <p className="font-medium">
          Import finished: {s.articles.toLocaleString('en-US')} articles, {s.users.toLocaleString('en-US')} readers,{' '}
          {s.impressions.toLocaleString('en-US')} impressions in {s.seconds.toFixed(1)} s.
          {s.invalid ? ` ${s.invalid.toLocaleString('en-US')} invalid items skipped.` : ''}
          {s.clamped ? ` ${s.clamped.toLocaleString('en-US')} future dates set to the import time.` : ''}
          {asDrafts ? ' New articles are drafts: publish them from the articles list.' : ''}
        </p>
        <p className="mt-1">
          <Link href={`/articles?${new URLSearchParams({ import: importId, ...(asDrafts ? { status: 'DRAFT' } : {}) })}`} className="font-medium underline underline-offset-4">
            {asDrafts ? 'Review the drafts of this import' : 'View the new articles of this import'}
          </Link>
        </p>
        {s.notes.length ? (
          <ul className="mt-2 list-disc pl-5 text-xs">
            {s.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  return (
    <p role="status">
      {job.state === 'waiting' ? 'Queued…' : `Importing${job.file ? ` ${job.file}` : ''}… ${job.rows !== null ? `${job.rows.toLocaleString('en-US')} rows stored` : ''}`}
    </p>
  );
}
