import { api, clearProblems, el, formatTime, marketplace, onSignedIn, showProblem } from './console.js';

// Marketplace: the vendors of the catalogue, connecting an account (which creates the vendor's custom action), the
// agency's accounts with their updates, and its live vendor sessions with the time left until they expire.

const vendorsTable = document.querySelector('#vendors tbody');
const vendorsError = document.getElementById('vendors-error');
const form = document.getElementById('connect-form');
const vendorSelect = document.getElementById('mk-vendor');
const vendorInfo = document.getElementById('mk-vendor-info');
const adjustments = document.getElementById('mk-adjustments');
const areasBox = document.getElementById('mk-areas');
const permissionsField = document.getElementById('mk-permissions-field');
const result = document.getElementById('mk-result');
const secretBox = document.getElementById('mk-secret');
const accountsTable = document.querySelector('#accounts tbody');
const accountsError = document.getElementById('accounts-error');
const accountsStatus = document.getElementById('accounts-status');
const sessionsTable = document.querySelector('#sessions tbody');
const sessionsError = document.getElementById('sessions-error');
const sessionsMore = document.getElementById('sessions-more');

const CAPABILITIES = {
  assessment: 'Assessment', background_check: 'Background check', hris: 'HRIS', job_board: 'Job board',
  career_page: 'Career page', reference_check: 'Reference check', onboarding: 'Onboarding', other: 'Other',
};
const AREAS = (area) => area.replace(/_/g, ' ');

let vendors = []; // VendorView
let accounts = []; // AccountView
let sessionsCursor = null;
const vendorName = (id) => (vendors.find((v) => v.id === id) || {}).name || id;

// ---- time until expiry

/** "in 6 days 23 hours", "in 45 minutes", "expired": the two largest units of what is left. */
export function timeLeft(iso, now = Date.now()) {
  let s = Math.floor((new Date(iso).getTime() - now) / 1000);
  if (!(s > 0)) return 'expired';
  const units = [['day', 86_400], ['hour', 3_600], ['minute', 60]];
  const parts = [];
  for (const [name, size] of units) {
    const n = Math.floor(s / size);
    s -= n * size;
    if (n > 0 || parts.length) parts.push(n ? `${n} ${name}${n === 1 ? '' : 's'}` : null);
    if (parts.length === 2) break;
  }
  const text = parts.filter(Boolean).join(' ');
  return text ? `in ${text}` : 'in less than a minute';
}

function refreshTimesLeft() {
  document.querySelectorAll('[data-expires]').forEach((e) => { e.textContent = timeLeft(e.dataset.expires); });
}

// ---- vendors and the connect form

async function loadVendors() {
  vendorsError.textContent = '';
  try {
    vendors = (await api('GET', marketplace('/v1/vendors'))).body.items;
  } catch (e) {
    vendorsError.textContent = `The vendors could not be read: ${e.message}`;
    return;
  }
  renderVendors();
  const chosen = vendorSelect.value;
  vendorSelect.replaceChildren(el('option', { value: '' }, 'Choose a vendor…'),
    ...vendors.map((v) => el('option', { value: v.id }, v.name)));
  vendorSelect.value = vendors.some((v) => v.id === chosen) ? chosen : '';
  showVendor();
}

function renderVendors() {
  vendorsTable.replaceChildren(...(vendors.length ? vendors.map((v) => {
    const account = accounts.find((a) => a.vendorId === v.id);
    return el('tr', { 'data-id': v.id },
      el('th', { scope: 'row' }, v.name),
      el('td', {}, v.capabilities.map((c) => CAPABILITIES[c] || c).join(', ')),
      el('td', {}, v.description || '—'),
      el('td', {}, account
        ? el('span', { class: 'good' }, 'Connected')
        : el('button', { type: 'button', class: 'secondary', 'aria-label': `Connect to ${v.name}`,
          onclick: () => choose(v.id) }, 'Connect…')));
  }) : [el('tr', {}, el('td', { colspan: 4 }, 'No vendors in the marketplace yet.'))]));
}

function choose(id) {
  vendorSelect.value = id;
  clearProblems(form);
  showVendor();
  vendorSelect.focus();
}

function showVendor() {
  const vendor = vendors.find((v) => v.id === vendorSelect.value);
  const checks = areasBox.querySelector('.checks');
  form.elements.name.value = '';
  form.elements.permissions.value = '';
  if (!vendor) {
    vendorInfo.replaceChildren();
    adjustments.hidden = true;
    checks.replaceChildren();
    return;
  }
  const c = vendor.configuration || {};
  const manual = c.manual;
  vendorInfo.replaceChildren(
    el('p', {}, `Creates the custom action “${c.name}”: ${c.description}`),
    el('p', {}, manual
      ? `It shows as a button (${manual.behaviour})${c.eventTriggers && c.eventTriggers.length ? ` and can run as a stage trigger on ${c.eventTriggers.join(', ')}` : ''}.`
      : `It runs as a stage trigger on ${(c.eventTriggers || []).join(', ')}; it has no button.`),
    el('p', {}, `Configuration version ${vendor.version}.`));
  adjustments.hidden = false;
  areasBox.hidden = !manual;
  permissionsField.hidden = !manual;
  form.elements.name.placeholder = c.name || '';
  checks.replaceChildren(...(manual ? manual.displayAreas : []).map((area) =>
    el('label', {}, el('input', { type: 'checkbox', name: 'displayAreas', value: area }), ` ${AREAS(area)}`)));
  form.elements.permissions.placeholder = manual ? manual.permissions.join(', ') : '';
}

vendorSelect.addEventListener('change', () => {
  clearProblems(form);
  showVendor();
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(form);
  result.replaceChildren();
  const name = form.elements.name.value.trim();
  const areas = [...form.querySelectorAll('input[name="displayAreas"]:checked')].map((c) => c.value);
  const permissions = form.elements.permissions.value.split(',').map((p) => p.trim()).filter(Boolean);
  const body = {
    vendorId: vendorSelect.value || undefined,
    name: name || undefined,
    displayAreas: areas.length ? areas : undefined,
    permissions: permissions.length ? permissions : undefined,
  };
  const button = document.getElementById('mk-connect');
  button.disabled = true;
  try {
    const account = (await api('POST', marketplace('/v1/accounts'), body)).body;
    result.replaceChildren(el('p', { class: 'passed' },
      `Connected to ${account.vendorName}: custom action ${account.actionId} was created.`),
    el('p', {}, 'Attach it as a stage trigger on the Job templates page, or find its button in the display areas you chose.'));
    secretBox.querySelector('code').textContent = account.actionSecret;
    secretBox.hidden = false;
    form.reset();
    showVendor();
    await loadAccounts();
  } catch (e) {
    const upstream = e.body && e.body.upstream;
    if (upstream) {
      const details = (upstream.errors || []).map((x) => `${x.pointer}: ${x.detail}`);
      e.body.detail = [e.body.detail, upstream.detail, ...details].filter(Boolean).join(' — ');
    }
    showProblem(form, e);
  } finally {
    button.disabled = false;
  }
});

// ---- accounts

async function loadAccounts() {
  accountsError.textContent = '';
  try {
    accounts = (await api('GET', marketplace('/v1/accounts'))).body.items;
  } catch (e) {
    accountsError.textContent = `Your accounts could not be read: ${e.message}`;
    return;
  }
  accountsTable.replaceChildren(...(accounts.length ? accounts.map(accountRow)
    : [el('tr', {}, el('td', { colspan: 5 }, 'No accounts yet: connect one above.'))]));
  renderVendors();
}

function accountRow(a) {
  const adj = a.adjustments || {};
  return el('tr', { 'data-id': a.id },
    el('th', { scope: 'row' }, a.vendorName),
    el('td', {}, el('code', {}, a.actionId || '—'), adj.name ? el('div', { class: 'hint' }, `label “${adj.name}”`) : null,
      adj.displayAreas ? el('div', { class: 'hint' }, `areas: ${adj.displayAreas.map(AREAS).join(', ')}`) : null,
      adj.permissions ? el('div', { class: 'hint' }, `permissions: ${adj.permissions.join(', ')}`) : null),
    el('td', {}, a.state === 'connecting' ? 'Connecting…'
      : a.updateAvailable
        ? el('strong', { class: 'update' }, `Update available: version ${a.configVersion} → ${a.latestVersion}`)
        : `Up to date (version ${a.configVersion})`),
    el('td', {}, formatTime(a.createdAt), a.updatedAt && formatTime(a.updatedAt) !== formatTime(a.createdAt)
      ? el('div', { class: 'hint' }, `updated ${formatTime(a.updatedAt)}`) : null),
    el('td', {}, a.updateAvailable
      ? el('button', { type: 'button', 'aria-label': `Apply the update of ${a.vendorName}`, onclick: (ev) => applyUpdate(a, ev.currentTarget) },
        'Apply update')
      : '—'));
}

async function applyUpdate(account, button) {
  accountsError.textContent = '';
  accountsStatus.textContent = '';
  button.disabled = true;
  try {
    const updated = (await api('POST', marketplace(`/v1/accounts/${encodeURIComponent(account.id)}/apply-update`))).body;
    accountsStatus.textContent = `${updated.vendorName}: version ${updated.configVersion} applied to ${updated.actionId}.`;
  } catch (e) {
    accountsError.textContent = `${account.vendorName}: ${e.message}`;
  }
  await loadAccounts();
}

// ---- live sessions

async function loadSessions(more = false) {
  sessionsError.textContent = '';
  const q = new URLSearchParams({ limit: 50 });
  if (more && sessionsCursor) q.set('cursor', sessionsCursor);
  let page;
  try {
    page = (await api('GET', marketplace(`/v1/sessions?${q}`))).body;
  } catch (e) {
    sessionsError.textContent = `The sessions could not be read: ${e.message}`;
    return;
  }
  sessionsCursor = page.next;
  sessionsMore.hidden = !page.next;
  const rows = page.items.map(sessionRow);
  if (more) {
    sessionsTable.append(...rows);
  } else {
    sessionsTable.replaceChildren(...(rows.length ? rows
      : [el('tr', {}, el('td', { colspan: 6 }, 'No live sessions.'))]));
  }
}

function sessionRow(s) {
  const records = s.records || [];
  return el('tr', { 'data-id': s.sessionId },
    el('th', { scope: 'row' }, el('code', {}, s.sessionId)),
    el('td', {}, vendorName(s.vendorId)),
    el('td', {}, `${records.length} record${records.length === 1 ? '' : 's'}`,
      records.length ? el('div', { class: 'hint' }, records.slice(0, 5).map((r) => r.recordId).join(', ')
        + (records.length > 5 ? ', …' : '')) : null),
    el('td', {}, formatTime(s.createdAt)),
    el('td', {}, formatTime(s.resultsUntil)),
    el('td', {}, el('time', { datetime: s.expiresAt }, formatTime(s.expiresAt)),
      el('div', { class: 'hint', 'data-expires': s.expiresAt }, timeLeft(s.expiresAt))));
}

document.getElementById('sessions-refresh').addEventListener('click', () => loadSessions());
sessionsMore.addEventListener('click', () => loadSessions(true));

async function start() {
  await Promise.all([loadAccounts(), loadVendors()]);
  renderVendors();
  await loadSessions();
  setInterval(refreshTimesLeft, 30_000);
}

onSignedIn(start);
