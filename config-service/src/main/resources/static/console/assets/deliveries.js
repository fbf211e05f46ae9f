import { all, api, clearProblems, dispatcher, el, formatTime, onSignedIn, Problem, showProblem } from './console.js';

// Deliveries: the dispatcher's attempt log (filtered, paged), one message's status with replay and discard, the dead
// letters, and the recovery of an endpoint's dead letters in a time range with its progress.

const PAGE = 25;
const POLL_MS = 1000;
const WATCH_FOR_MS = 120_000;

const attemptsForm = document.getElementById('attempts-form');
const attemptsTable = document.querySelector('#attempts tbody');
const attemptsSummary = document.getElementById('attempts-summary');
const attemptsNext = document.getElementById('at-next');
const attemptsFirst = document.getElementById('at-first');
const messageBox = document.getElementById('message');
const messageError = document.getElementById('message-error');
const messageStatus = document.getElementById('message-status');
const deadForm = document.getElementById('dead-form');
const deadTable = document.querySelector('#dead-letters tbody');
const deadStatus = document.getElementById('dead-status');
const deadError = document.getElementById('dead-error');
const deadNext = document.getElementById('dl-next');
const deadFirst = document.getElementById('dl-first');
const recoverForm = document.getElementById('recover-form');
const recoveryBox = document.getElementById('recovery');
const progress = document.getElementById('recovery-progress');
const recoveryText = document.getElementById('recovery-text');

const numbers = new Intl.NumberFormat();
const endpoints = new Map(); // id → label
let attemptsCursor = null; // the cursor of the page shown (null: the first)
let attemptsNextCursor = null;
let deadCursor = null;
let deadNextCursor = null;
let shown = null; // the message id shown in the detail
let watch = 0; // increases to stop an earlier replay's watch

const endpointLabel = (id) => endpoints.get(id) || id;

/** The dispatcher names a bad query parameter in `parameter`: show it next to that field. */
function pointed(e) {
  if (e instanceof Problem && e.body.parameter && !e.body.errors) {
    e.body.errors = [{ pointer: `/${e.body.parameter}`, detail: e.body.detail }];
  }
  return e;
}

// datetime-local inputs hold local time without a zone: new Date(value) reads it as local time.
const toIso = (value) => (value ? new Date(value).toISOString() : null);
const toLocalInput = (date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

// ---- endpoints: the tenant's webhooks and custom actions, offered in every endpoint select

async function loadEndpoints() {
  const [webhooks, actions] = await Promise.all([
    all('/v1/webhooks'),
    all('/v1/custom-actions').catch(() => []),
  ]);
  endpoints.clear();
  webhooks.forEach((w) => endpoints.set(w.id, w.description || w.url));
  actions.forEach((a) => endpoints.set(a.id, `${a.name} (custom action)`));
  document.querySelectorAll('select[data-endpoints]').forEach((select) => {
    const chosen = select.value;
    select.replaceChildren(el('option', { value: '' }, select.dataset.any),
      webhooks.length ? el('optgroup', { label: 'Webhooks' },
        webhooks.map((w) => el('option', { value: w.id }, endpointLabel(w.id)))) : null,
      actions.length ? el('optgroup', { label: 'Custom actions' },
        actions.map((a) => el('option', { value: a.id }, endpointLabel(a.id)))) : null);
    select.value = endpoints.has(chosen) ? chosen : '';
  });
}

// ---- the attempt log

function attemptQuery(cursor) {
  const f = attemptsForm.elements;
  const q = new URLSearchParams({ limit: PAGE });
  if (f.endpointId.value) q.set('endpointId', f.endpointId.value);
  if (f.outcome.value) q.set('outcome', f.outcome.value);
  if (f.since.value) q.set('since', toIso(f.since.value));
  if (f.until.value) q.set('until', toIso(f.until.value));
  if (f.messageId.value.trim()) q.set('messageId', f.messageId.value.trim());
  if (cursor) q.set('cursor', cursor);
  return q;
}

async function loadAttempts(cursor = null) {
  clearProblems(attemptsForm);
  const f = attemptsForm.elements;
  if (f.since.value && f.until.value && toIso(f.since.value) >= toIso(f.until.value)) {
    showProblem(attemptsForm, new Problem(400, { detail: 'the range is empty',
      errors: [{ pointer: '/until', detail: 'must be after Since' }] }));
    return;
  }
  let page;
  try {
    page = (await api('GET', dispatcher(`/v1/attempts?${attemptQuery(cursor)}`))).body;
  } catch (e) {
    showProblem(attemptsForm, pointed(e));
    return;
  }
  attemptsCursor = cursor;
  attemptsNextCursor = page.next;
  attemptsTable.replaceChildren(...(page.items.length ? page.items.map(attemptRow)
    : [el('tr', {}, el('td', { colspan: 7 }, cursor ? 'No older attempts.' : 'No attempts match these filters.'))]));
  attemptsSummary.textContent = page.items.length
    ? `Showing ${page.items.length} attempt${page.items.length === 1 ? '' : 's'}${cursor ? ' (older page)' : ', newest first'}.`
    : '';
  attemptsNext.hidden = !page.next;
  attemptsFirst.hidden = !cursor;
}

const OUTCOMES = { succeeded: 'Succeeded', retryable: 'Failed, retryable', throttled: 'Throttled', gone: 'Gone', refused: 'Refused' };

function attemptRow(a) {
  return el('tr', { 'data-id': a.id },
    el('td', {}, formatTime(a.attemptedAt)),
    el('td', {}, endpointLabel(a.endpointId)),
    el('td', {}, a.eventType || '—'),
    el('td', {}, a.attempt),
    el('td', {}, el('span', { class: a.outcome === 'succeeded' ? 'good' : 'bad' }, OUTCOMES[a.outcome] || a.outcome),
      a.httpStatus ? ` · HTTP ${a.httpStatus}` : '', a.error ? el('div', { class: 'hint' }, a.error) : null),
    el('td', {}, `${a.latencyMs} ms`),
    el('td', {}, a.messageId
      ? el('button', { type: 'button', class: 'link', 'aria-label': `Show message ${a.messageId}`,
        onclick: () => showMessage(a.messageId) }, a.messageId)
      : '—'));
}

attemptsForm.addEventListener('submit', (event) => {
  event.preventDefault();
  loadAttempts();
});
document.getElementById('at-reset').addEventListener('click', () => {
  attemptsForm.reset();
  loadAttempts();
});
attemptsNext.addEventListener('click', () => loadAttempts(attemptsNextCursor));
attemptsFirst.addEventListener('click', () => loadAttempts());

// ---- one message

const STATES = {
  delivered: 'Delivered',
  retrying: 'Retrying',
  dead: 'Dead letter',
  unknown: 'Not delivered (discarded, or its endpoint is gone)',
};

function fact(term, ...value) {
  return [el('dt', {}, term), el('dd', {}, ...value)];
}

function renderMessage(m) {
  document.getElementById('message-title').textContent = `Message ${m.messageId}`;
  document.getElementById('message-facts').replaceChildren(
    ...fact('Message id', el('code', {}, m.messageId)),
    ...fact('Webhook or action', endpointLabel(m.endpointId)),
    ...((m.attemptLog || []).length ? fact('Event', `${m.attemptLog[0].eventType} · ${m.attemptLog[0].eventId}`) : []),
    ...fact('Status', el('strong', { id: 'message-state', 'data-state': m.state }, STATES[m.state] || m.state)),
    ...fact('Attempts', m.attempts ?? '—'),
    ...(m.state === 'retrying' ? fact('Next attempt', formatTime(m.nextDueAt)) : []),
    ...(m.state === 'dead' ? fact('Why it is dead', m.deadReason || '—') : []),
    ...(m.requestExcerpt ? fact('Request sent (start of the body)',
      el('pre', { class: 'excerpt', id: 'message-request', 'aria-label': `Start of the body sent for message ${m.messageId}` },
        m.requestExcerpt)) : []));
  document.getElementById('msg-discard').disabled = !(m.state === 'retrying' || m.state === 'dead');
  const log = m.attemptLog || [];
  document.getElementById('message-attempts').replaceChildren(log.length
    ? el('table', { id: 'message-attempt-log' },
      el('caption', { class: 'visually-hidden' }, `Attempts of message ${m.messageId}, newest first`),
      el('thead', {}, el('tr', {},
        ['Time', 'Attempt', 'Outcome', 'HTTP status', 'Latency', 'Answer'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, log.map((a) => el('tr', {},
        el('td', {}, formatTime(a.attemptedAt)),
        el('td', {}, a.attempt),
        el('td', { class: a.outcome === 'succeeded' ? 'good' : 'bad' }, OUTCOMES[a.outcome] || a.outcome),
        el('td', {}, a.httpStatus ?? '—'),
        el('td', {}, `${a.latencyMs} ms`),
        el('td', {},
          a.error ? el('p', { class: 'hint' }, a.error) : null,
          a.responseExcerpt
            ? el('pre', { class: 'excerpt', 'aria-label': `Start of the answer to attempt ${a.attempt} at ${formatTime(a.attemptedAt)}` },
              a.responseExcerpt)
            : (a.error ? null : el('span', { class: 'hint' }, 'no body')))))))
    : el('p', { class: 'hint' }, 'No logged attempts.'));
}

async function showMessage(id, { focus = true } = {}) {
  watch += 1;
  shown = id;
  messageError.textContent = '';
  messageStatus.textContent = '';
  messageStatus.className = 'result';
  try {
    renderMessage((await api('GET', dispatcher(`/v1/messages/${encodeURIComponent(id)}`))).body);
  } catch (e) {
    document.getElementById('message-title').textContent = `Message ${id}`;
    document.getElementById('message-facts').replaceChildren();
    document.getElementById('message-attempts').replaceChildren();
    messageError.textContent = e.status === 404 ? `No message ${id} in the log (attempts are kept for 30 days).` : e.message;
  }
  messageBox.hidden = false;
  if (focus) document.getElementById('message-title').focus();
}

/** Replays the message, then reads its status every second until it is delivered or dead again. */
async function replay(id) {
  await showMessage(id, { focus: false });
  messageBox.scrollIntoView();
  const mine = ++watch;
  messageError.textContent = '';
  messageStatus.className = 'result';
  messageStatus.textContent = 'Replaying…';
  try {
    renderMessage((await api('POST', dispatcher(`/v1/messages/${encodeURIComponent(id)}/replay`))).body);
  } catch (e) {
    messageStatus.textContent = '';
    messageError.textContent = e.status === 409 || e.status === 404 ? `Cannot replay: ${e.message}` : e.message;
    return;
  }
  loadDeadLetters(deadCursor);
  messageStatus.textContent = 'Replay requested; waiting for the attempt…';
  const deadline = Date.now() + WATCH_FOR_MS;
  while (mine === watch && Date.now() < deadline) {
    await sleep(POLL_MS);
    if (mine !== watch) return;
    let m;
    try {
      m = (await api('GET', dispatcher(`/v1/messages/${encodeURIComponent(id)}`))).body;
    } catch (e) {
      continue; // a passing failure: read it again
    }
    if (mine !== watch) return;
    renderMessage(m);
    if (m.state === 'delivered') {
      messageStatus.className = 'result passed';
      messageStatus.textContent = 'Replayed: delivered.';
      loadAttempts(attemptsCursor);
      return;
    }
    if (m.state === 'dead' || m.state === 'unknown') {
      messageStatus.className = 'result failed';
      messageStatus.textContent = m.state === 'dead' ? `The replay failed again: ${m.deadReason}.` : 'The replay was not delivered.';
      loadAttempts(attemptsCursor);
      loadDeadLetters(deadCursor);
      return;
    }
    messageStatus.textContent = `Replay requested; ${m.attempts ? `attempt ${m.attempts} made, ` : ''}next attempt ${formatTime(m.nextDueAt)}…`;
  }
  if (mine === watch) messageStatus.textContent = 'Still retrying; use Refresh to see its status later.';
}

document.getElementById('msg-replay').addEventListener('click', () => shown && replay(shown));
document.getElementById('msg-refresh').addEventListener('click', () => shown && showMessage(shown));
document.getElementById('msg-close').addEventListener('click', () => {
  watch += 1;
  shown = null;
  messageBox.hidden = true;
});
document.getElementById('msg-discard').addEventListener('click', async () => {
  if (!shown || !window.confirm(`Discard message ${shown}? It will not be sent again.`)) return;
  watch += 1;
  try {
    await api('DELETE', dispatcher(`/v1/messages/${encodeURIComponent(shown)}`));
    await showMessage(shown, { focus: false });
    messageStatus.textContent = 'Discarded: it will not be sent again.';
    loadDeadLetters(deadCursor);
  } catch (e) {
    messageError.textContent = e.message;
  }
});

// ---- dead letters

async function loadDeadLetters(cursor = null) {
  deadError.textContent = '';
  const q = new URLSearchParams({ limit: PAGE });
  if (deadForm.elements.endpointId.value) q.set('endpointId', deadForm.elements.endpointId.value);
  if (cursor) q.set('cursor', cursor);
  let page;
  try {
    page = (await api('GET', dispatcher(`/v1/dead-letters?${q}`))).body;
  } catch (e) {
    deadError.textContent = e.message;
    return;
  }
  deadCursor = cursor;
  deadNextCursor = page.next;
  deadTable.replaceChildren(...(page.items.length ? page.items.map(deadRow)
    : [el('tr', {}, el('td', { colspan: 8 }, 'No dead letters.'))]));
  deadStatus.textContent = page.items.length ? `${page.items.length} dead letter${page.items.length === 1 ? '' : 's'} shown.` : '';
  deadNext.hidden = !page.next;
  deadFirst.hidden = !cursor;
}

function deadRow(d) {
  return el('tr', { 'data-id': d.messageId },
    el('td', {}, el('code', {}, d.messageId)),
    el('td', {}, endpointLabel(d.endpointId)),
    el('td', {}, d.eventType || '—', d.eventId ? el('div', { class: 'hint' }, d.eventId) : null),
    el('td', {}, d.attempts),
    el('td', {}, d.reason),
    el('td', {}, d.lastStatus ? `HTTP ${d.lastStatus}` : '—', d.lastError ? el('div', { class: 'hint' }, d.lastError) : null),
    el('td', {}, formatTime(d.deadAt),
      d.sessionExpiresAt ? el('div', { class: 'hint' }, `replayable until ${formatTime(d.sessionExpiresAt)}`) : null),
    el('td', {}, el('div', { class: 'buttons' },
      el('button', { type: 'button', 'aria-label': `Replay message ${d.messageId}`, onclick: () => replay(d.messageId) }, 'Replay'),
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Details of message ${d.messageId}`,
        onclick: () => showMessage(d.messageId) }, 'Details'))));
}

deadForm.addEventListener('submit', (event) => {
  event.preventDefault();
  loadDeadLetters();
});
deadNext.addEventListener('click', () => loadDeadLetters(deadNextCursor));
deadFirst.addEventListener('click', () => loadDeadLetters());

// ---- recover a range

function showRecovery(r) {
  const done = r.status !== 'running';
  const total = r.total || 0;
  progress.max = Math.max(total, 1);
  progress.value = total === 0 ? (done ? 1 : 0) : Math.min(r.requeued, total);
  let text = `${numbers.format(r.requeued)} of ${numbers.format(total)} re-sent`;
  if (r.status === 'done') {
    text = total === 0 ? 'Done: there were no dead letters in this range.' : `Done: ${text}.`;
  } else if (r.status === 'failed') {
    text = `Failed after ${text}: ${r.error || 'unknown error'}. Start it again for the rest.`;
  } else {
    text = `${text}…`;
  }
  progress.setAttribute('aria-valuetext', text);
  recoveryText.textContent = text;
  recoveryText.className = r.status === 'failed' ? 'failed' : r.status === 'done' ? 'passed' : '';
  recoveryBox.dataset.status = r.status;
  recoveryBox.hidden = false;
}

recoverForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(recoverForm);
  const f = recoverForm.elements;
  const errors = [];
  if (!f.endpointId.value) errors.push({ pointer: '/endpointId', detail: 'choose the webhook or action' });
  if (!f.since.value) errors.push({ pointer: '/since', detail: 'is required' });
  if (!f.until.value) errors.push({ pointer: '/until', detail: 'is required' });
  if (f.since.value && f.until.value && toIso(f.since.value) >= toIso(f.until.value)) {
    errors.push({ pointer: '/until', detail: 'must be after the start' });
  }
  if (errors.length) {
    showProblem(recoverForm, new Problem(400, { detail: 'check the fields marked', errors }));
    return;
  }
  const start = document.getElementById('rc-start');
  start.disabled = true;
  let recovery;
  try {
    recovery = (await api('POST', dispatcher(`/v1/endpoints/${encodeURIComponent(f.endpointId.value)}/recover`),
      { since: toIso(f.since.value), until: toIso(f.until.value) })).body;
  } catch (e) {
    start.disabled = false;
    if (e.status === 404) e.body.errors = [{ pointer: '/endpointId', detail: e.message }];
    showProblem(recoverForm, pointed(e));
    return;
  }
  document.getElementById('recovery-label').textContent = `Recovery of ${endpointLabel(recovery.endpointId)}`;
  showRecovery(recovery);
  try {
    while (recovery.status === 'running') {
      await sleep(POLL_MS);
      try {
        recovery = (await api('GET', dispatcher(`/v1/recoveries/${encodeURIComponent(recovery.id)}`))).body;
      } catch (e) {
        if (e.status === 404) throw e;
        continue; // a passing failure: read it again
      }
      showRecovery(recovery);
    }
    loadDeadLetters();
  } catch (e) {
    showProblem(recoverForm, e);
  } finally {
    start.disabled = false;
  }
});

function prefillRecovery() {
  const now = new Date();
  now.setSeconds(0, 0);
  const until = new Date(now.getTime() + 60_000);
  recoverForm.elements.since.value = toLocalInput(new Date(until.getTime() - 24 * 3600_000));
  recoverForm.elements.until.value = toLocalInput(until);
}

async function start() {
  prefillRecovery();
  try {
    await loadEndpoints();
  } catch (e) {
    attemptsSummary.textContent = `Your webhooks could not be read: ${e.message}`;
  }
  const wanted = new URLSearchParams(window.location.search).get('message');
  await Promise.all([loadAttempts(), loadDeadLetters()]);
  if (wanted) showMessage(wanted);
}

onSignedIn(start);
