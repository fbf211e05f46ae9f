import { all, api, clearProblems, el, formatTime, onSignedIn, showProblem } from './console.js';

const form = document.getElementById('webhook-form');
const testButton = document.getElementById('wh-test');
const saveButton = document.getElementById('wh-save');
const result = document.getElementById('wh-test-result');
const secretBox = document.getElementById('wh-secret');
const table = document.querySelector('#webhooks tbody');
const listError = document.getElementById('webhooks-error');

const title = document.getElementById('new-webhook-title');

// The webhook being set up: created (pending test) by the first Test, changed by later ones; Save activates it. Or an
// active webhook being edited: it keeps working as it is until Save, which changes it after a passing Test.
let draft = null; // {id, etag, sent: the form values it holds, active}
let passedFor = null; // the form values of the last passing Test

const values = () => ({
  url: form.elements.url.value.trim(),
  description: form.elements.description.value.trim(),
  eventTypes: [...form.querySelectorAll('input[name="eventTypes"]:checked')].map((c) => c.value),
});
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function offerSave() {
  saveButton.disabled = !(draft && passedFor && same(passedFor, values()));
}

form.addEventListener('input', offerSave);

testButton.addEventListener('click', async () => {
  clearProblems(form);
  result.replaceChildren(el('p', {}, 'Testing…'));
  testButton.disabled = true;
  const wanted = values();
  try {
    if (!draft) {
      const created = await api('POST', '/v1/webhooks', { ...wanted, description: wanted.description || undefined });
      draft = { id: created.body.id, etag: created.etag, sent: wanted };
      secretBox.querySelector('code').textContent = created.body.secret;
      secretBox.hidden = false;
    } else if (!draft.active && !same(draft.sent, wanted)) {
      const changed = await api('PATCH', `/v1/webhooks/${draft.id}`, wanted, { etag: draft.etag });
      draft = { ...draft, etag: changed.etag, sent: wanted };
    }
    // an active webhook is tested at the URL in the form, and changed only by Save
    const test = (await api('POST', `/v1/webhooks/${draft.id}/test`, draft.active ? { url: wanted.url } : undefined)).body;
    passedFor = test.passed ? wanted : null;
    result.replaceChildren(el('div', {},
      el('p', { class: test.passed ? 'passed' : 'failed' }, test.passed ? 'Test passed' : 'Test failed'),
      el('p', {}, `HTTP status ${test.status || 'none'} · ${test.latencyMs} ms · ${test.url}`),
      test.error ? el('p', {}, `Why: ${test.error}`) : null,
      test.excerpt ? el('pre', { 'aria-label': 'Start of the answer' }, test.excerpt) : null));
    refresh();
  } catch (e) {
    passedFor = null;
    result.replaceChildren();
    showProblem(form, e);
  } finally {
    testButton.disabled = false;
    offerSave();
  }
});

saveButton.addEventListener('click', async () => {
  clearProblems(form);
  try {
    if (draft.active) {
      await api('PATCH', `/v1/webhooks/${draft.id}`, { ...passedFor, description: passedFor.description || undefined },
        { etag: draft.etag });
      result.replaceChildren(el('p', { class: 'passed' }, `Saved: the webhook to ${passedFor.url} is active with the changes.`));
    } else {
      await api('POST', `/v1/webhooks/${draft.id}/activate`, {}, { etag: draft.etag });
      result.replaceChildren(el('p', { class: 'passed' }, `Saved: ${draft.sent.url} is active.`));
    }
    draft = null;
    passedFor = null;
    form.reset();
    title.textContent = 'New webhook';
    offerSave();
    refresh();
  } catch (e) {
    showProblem(form, e);
  }
});

document.getElementById('wh-new').addEventListener('click', () => {
  draft = null;
  passedFor = null;
  form.reset();
  title.textContent = 'New webhook';
  clearProblems(form);
  result.replaceChildren();
  secretBox.hidden = true;
  offerSave();
  form.elements.url.focus();
});

async function act(webhook, path, body) {
  listError.textContent = '';
  try {
    const answer = await api('POST', `/v1/webhooks/${webhook.id}/${path}`, body, { etag: `"${webhook.version}"` });
    await refresh();
    if (answer.body && answer.body.secret) {
      const box = document.getElementById('webhooks-secret');
      box.querySelector('code').textContent = answer.body.secret;
      box.hidden = false;
    }
  } catch (e) {
    listError.textContent = e.message;
  }
}

/** Loads a webhook into the form: Test, then Save changes it (an active one keeps working as it is until then). */
function edit(webhook) {
  form.reset();
  form.elements.url.value = webhook.url;
  form.elements.description.value = webhook.description || '';
  form.querySelectorAll('input[name="eventTypes"]').forEach((c) => { c.checked = webhook.eventTypes.includes(c.value); });
  draft = { id: webhook.id, etag: `"${webhook.version}"`, sent: values(), active: webhook.status === 'active' };
  passedFor = null;
  title.textContent = `Edit the webhook to ${webhook.url}`;
  clearProblems(form);
  result.replaceChildren();
  secretBox.hidden = true;
  offerSave();
  form.elements.url.focus();
}

async function remove(webhook) {
  if (!window.confirm(`Delete the webhook to ${webhook.url}? It gets no more events.`)) return;
  listError.textContent = '';
  try {
    await api('DELETE', `/v1/webhooks/${webhook.id}`, undefined, { etag: `"${webhook.version}"` });
    await refresh();
  } catch (e) {
    listError.textContent = e.message;
  }
}

async function refresh() {
  listError.textContent = '';
  let webhooks;
  try {
    webhooks = await all('/v1/webhooks');
  } catch (e) {
    listError.textContent = e.message;
    return;
  }
  table.replaceChildren(...(webhooks.length ? webhooks.map(row) : [el('tr', {}, el('td', { colspan: 5 }, 'No webhooks yet.'))]));
}

function row(w) {
  const label = w.description || w.url;
  return el('tr', { 'data-id': w.id },
    el('td', {}, w.url, w.description ? el('div', { class: 'hint' }, w.description) : null),
    el('td', {}, w.eventTypes.join(', ')),
    el('td', {}, w.status === 'active' ? 'Active' : 'Pending test',
      w.lastTest ? el('div', { class: 'hint' }, `Last test ${w.lastTest.passed ? 'passed' : 'failed'} ${formatTime(w.lastTest.at)}`) : null),
    el('td', {}, w.enabled ? 'Yes' : `No${w.disabledReason ? ` (${w.disabledReason})` : ''}`),
    el('td', {}, el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Edit ${label}`,
        onclick: () => edit(w) }, 'Edit'),
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Rotate the secret of ${label}`,
        onclick: () => act(w, 'rotate-secret', {}) }, 'Rotate secret'),
      w.enabled
        ? el('button', { type: 'button', class: 'secondary', 'aria-label': `Disable ${label}`,
          onclick: () => act(w, 'disable', { reason: 'disabled in the console' }) }, 'Disable')
        : el('button', { type: 'button', class: 'secondary', 'aria-label': `Enable ${label}`,
          onclick: () => act(w, 'enable') }, 'Enable'),
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Delete ${label}`,
        onclick: () => remove(w) }, 'Delete'))));
}

onSignedIn(refresh);
