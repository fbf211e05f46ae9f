// The console's shared code: the administrator's key (kept in this tab's sessionStorage only), calls of the public
// APIs (config-service's own, and the dispatcher's and marketplace-service's through /console/api/…), and problem
// details shown next to the field they concern.

const KEY = 'atsrelay.console.key';

export class Problem extends Error {
  constructor(status, body) {
    super((body && (body.detail || body.title)) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

export const key = () => sessionStorage.getItem(KEY);

/** Calls an API path with the signed-in key; resolves {status, body, etag}, rejects with a Problem on 4xx/5xx. */
export async function api(method, path, body, { etag } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (key()) headers.Authorization = `Bearer ${key()}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new Problem(0, { detail: 'the service could not be reached; check your connection and retry' });
  }
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = { detail: text }; }
  if (!response.ok) throw new Problem(response.status, parsed);
  return { status: response.status, body: parsed, etag: response.headers.get('ETag') };
}

/** Every item of a cursor-paged list ({items, next}), page after page. */
export async function all(path) {
  const items = [];
  let cursor = null;
  do {
    const page = (await api('GET', `${path}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
    items.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return items;
}

export const dispatcher = (path) => `/console/api/dispatcher${path}`;
export const marketplace = (path) => `/console/api/marketplace${path}`;

/** Clears the errors shown in a form (or any container). */
export function clearProblems(container) {
  container.querySelectorAll('[data-error-for]').forEach((p) => {
    p.textContent = '';
    const input = fieldOf(p);
    if (input) input.removeAttribute('aria-invalid');
  });
  container.querySelectorAll('.form-error').forEach((p) => { p.textContent = ''; });
}

/**
 * Shows a problem: each of its errors next to the field whose data-error-for is the error's JSON pointer or its
 * longest prefix (/eventTypes/2 → /eventTypes), the rest in the container's .form-error. Focuses the first field at fault.
 */
export function showProblem(container, problem) {
  clearProblems(container);
  const general = container.querySelector('.form-error');
  const body = problem instanceof Problem ? problem.body : { detail: String(problem) };
  const unplaced = [];
  let first = null;
  for (const error of body.errors || []) {
    const slot = slotFor(container, error.pointer || '');
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent} ${error.detail}` : error.detail;
      const input = fieldOf(slot);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        first = first || input;
      }
    } else {
      unplaced.push(`${error.pointer}: ${error.detail}`);
    }
  }
  const summary = [body.detail || body.title || 'the request failed', ...unplaced].join(' ');
  if (general) general.textContent = summary;
  if (first) first.focus();
}

function slotFor(container, pointer) {
  let p = pointer;
  while (p) {
    const slot = container.querySelector(`[data-error-for="${CSS.escape(p)}"]`);
    if (slot) return slot;
    p = p.substring(0, p.lastIndexOf('/'));
  }
  return null;
}

function fieldOf(slot) {
  const owner = slot.closest('.field');
  return owner && owner.querySelector('input, select, textarea');
}

/** Creates an element: el('td', {class: 'x'}, 'text', childNode…). Text is always set as text, never as HTML. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) e.addEventListener(name.substring(2), value);
    else e.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    e.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return e;
}

export const formatTime = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

/** Shows the sign-in form or the page, and calls start() once a key is there. */
export function onSignedIn(start) {
  const show = (signedIn) => {
    document.querySelectorAll('[data-signed-in]').forEach((e) => { e.hidden = !signedIn; });
    document.querySelectorAll('[data-signed-out]').forEach((e) => { e.hidden = signedIn; });
  };
  const form = document.getElementById('signin-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = form.elements.key.value.trim();
    clearProblems(form);
    if (!value) {
      showProblem(form, new Problem(422, { detail: 'paste a key', errors: [{ pointer: '/key', detail: 'is required' }] }));
      return;
    }
    sessionStorage.setItem(KEY, value);
    try {
      await api('GET', '/v1/api-keys'); // needs the admin scope
    } catch (e) {
      sessionStorage.removeItem(KEY);
      const detail = e.status === 401 ? 'this key is not valid' : e.status === 403 ? 'this key has no admin scope' : e.message;
      showProblem(form, new Problem(e.status, { detail, errors: [{ pointer: '/key', detail }] }));
      return;
    }
    form.reset();
    show(true);
    document.getElementById('main').focus();
    start();
  });
  document.getElementById('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    window.location.reload();
  });
  if (key()) {
    show(true);
    start();
  } else {
    show(false);
    document.getElementById('signin-key').focus();
  }
}
