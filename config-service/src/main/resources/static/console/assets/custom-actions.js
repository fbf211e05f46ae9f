import { all, api, clearProblems, el, formatTime, marketplace, onSignedIn, showProblem } from './console.js';

const form = document.getElementById('action-form');
const result = document.getElementById('ca-result');
const secretBox = document.getElementById('ca-secret');
const table = document.querySelector('#actions tbody');
const listError = document.getElementById('actions-error');
const testResult = document.getElementById('actions-test-result');
const fieldsBox = document.getElementById('ca-fields');
const stageList = document.getElementById('ca-stage-list');

const TYPES = { manual: 'Manual', event: 'Event', marketplace: 'Marketplace' };
const BEHAVIOURS = { popup: 'Pop-up', redirect: 'Redirect', background: 'Background' };
const FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'select', 'checkbox'];
const AREAS = Object.fromEntries([...form.querySelectorAll('input[name="displayAreas"]')]
  .map((c) => [c.value, c.parentElement.textContent.trim()]));

let stages = []; // the tenant's workflow stages
let stageNames = {};
let vendors = {}; // vendorId → name, when marketplace-service answers

const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((c) => c.value);
const radio = (name) => (form.querySelector(`input[name="${name}"]:checked`) || {}).value;
const list = (text) => text.split(/[,\n]/).map((s) => s.trim()).filter((s) => s);

// ---- the create form: the sections of the chosen type and behaviour ----

function showSections() {
  const type = radio('type');
  const behaviour = radio('behaviour');
  const manual = type === 'manual' || (type === 'marketplace' && form.elements.buttonOn.checked);
  document.getElementById('ca-marketplace').hidden = type !== 'marketplace';
  document.getElementById('ca-manual').hidden = !manual;
  document.getElementById('ca-event').hidden = type !== 'event';
  document.getElementById('ca-stages').hidden = radio('trigger') !== 'stage_entered';
  document.getElementById('ca-popup').hidden = behaviour !== 'popup';
  document.getElementById('ca-redirect').hidden = behaviour !== 'redirect';
  if (behaviour === 'popup' && !fieldsBox.children.length) addField();
}

form.addEventListener('change', (event) => {
  const name = event.target.name;
  if (['type', 'behaviour', 'trigger', 'buttonOn'].includes(name)) showSections();
  if (name === 'type' && event.target.value === 'event') loadStages();
  if (name === 'type' && event.target.value === 'marketplace') loadVendors();
});

// One pop-up form field: its inputs and error slots carry its index, renumbered when a field is removed.
function addField() {
  const row = el('fieldset', { class: 'section form-field' },
    el('legend', {}, 'Field'),
    el('div', { class: 'row' },
      el('div', { class: 'field' },
        el('label', { 'data-part': 'name' }, 'Name'),
        el('input', { type: 'text', 'data-part': 'name', maxlength: 50, placeholder: 'reason' }),
        el('p', { class: 'field-error', 'data-slot': 'name' })),
      el('div', { class: 'field' },
        el('label', { 'data-part': 'label' }, 'Label'),
        el('input', { type: 'text', 'data-part': 'label', maxlength: 200 }),
        el('p', { class: 'field-error', 'data-slot': 'label' })),
      el('div', { class: 'field' },
        el('label', { 'data-part': 'type' }, 'Input type'),
        el('select', { 'data-part': 'type', onchange: showOptions }, FIELD_TYPES.map((t) => el('option', { value: t }, t))),
        el('p', { class: 'field-error', 'data-slot': 'type' })),
      el('div', { class: 'field options', hidden: true },
        el('label', { 'data-part': 'options' }, 'Options (comma-separated)'),
        el('input', { type: 'text', 'data-part': 'options' }),
        el('p', { class: 'field-error', 'data-slot': 'options' })),
      el('div', { class: 'field' },
        el('label', { class: 'inline' }, el('input', { type: 'checkbox', 'data-part': 'required' }), 'Required'))),
    el('p', { class: 'field-error', 'data-slot': '' }),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'secondary', 'data-part': 'remove', onclick: () => { row.remove(); numberFields(); } }, 'Remove')));
  fieldsBox.append(row);
  numberFields();
  return row;
}

function showOptions(event) {
  const row = event.target.closest('.form-field');
  row.querySelector('.options').hidden = event.target.value !== 'select';
}

function numberFields() {
  [...fieldsBox.children].forEach((row, i) => {
    const n = i + 1;
    row.querySelector('legend').textContent = `Field ${n}`;
    row.querySelectorAll('input[data-part], select[data-part]').forEach((input) => {
      const part = input.getAttribute('data-part');
      input.id = `ca-field-${i}-${part}`;
      input.setAttribute('aria-describedby', `ca-field-${i}-${part}-error`);
    });
    row.querySelectorAll('label[data-part]').forEach((label) => label.setAttribute('for', `ca-field-${i}-${label.getAttribute('data-part')}`));
    row.querySelectorAll('[data-slot]').forEach((slot) => {
      const part = slot.getAttribute('data-slot');
      slot.id = part ? `ca-field-${i}-${part}-error` : `ca-field-${i}-error`;
      slot.setAttribute('data-error-for', `/manual/form/fields/${i}${part ? `/${part}` : ''}`);
    });
    row.querySelector('[data-part="remove"]').setAttribute('aria-label', `Remove field ${n}`);
  });
}

document.getElementById('ca-add-field').addEventListener('click', () => addField().querySelector('input').focus());

function formFields() {
  return [...fieldsBox.children].map((row) => {
    const part = (p) => row.querySelector(`input[data-part="${p}"], select[data-part="${p}"]`);
    const field = { name: part('name').value.trim(), label: part('label').value.trim(), type: part('type').value,
      required: part('required').checked };
    if (field.type === 'select') field.options = list(part('options').value);
    return field;
  });
}

function manualSection() {
  const behaviour = radio('behaviour');
  const manual = { displayAreas: checked('displayAreas'), permissions: list(form.elements.permissions.value), behaviour };
  if (behaviour === 'popup') manual.form = { fields: formFields() };
  if (behaviour === 'redirect') manual.redirectUrlTemplate = form.elements.redirectUrlTemplate.value.trim();
  return manual;
}

function request() {
  const type = radio('type');
  const body = { type, name: form.elements.name.value.trim(), description: form.elements.description.value.trim(),
    endpointUrl: form.elements.endpointUrl.value.trim() };
  if (type === 'manual') body.manual = manualSection();
  if (type === 'event') {
    const trigger = radio('trigger');
    body.event = trigger === 'stage_entered' ? { trigger, stageIds: checked('stageIds') } : { trigger };
  }
  if (type === 'marketplace') {
    body.marketplace = { vendorId: form.elements.vendorId.value.trim() };
    if (form.elements.buttonOn.checked) body.manual = manualSection();
  }
  return body;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(form);
  result.replaceChildren();
  secretBox.hidden = true;
  const button = document.getElementById('ca-create');
  button.disabled = true;
  try {
    const body = request();
    const created = (await api('POST', '/v1/custom-actions', body)).body;
    result.replaceChildren(el('p', { class: 'passed' }, `Created: ${created.name} (${TYPES[created.type]}, ${created.id}).`));
    secretBox.querySelector('code').textContent = created.secret;
    secretBox.hidden = false;
    startOver(body.type);
    refresh();
  } catch (e) {
    showProblem(form, e);
  } finally {
    button.disabled = false;
  }
});

function startOver(type) {
  form.reset();
  fieldsBox.replaceChildren();
  if (type) form.querySelector(`input[name="type"][value="${type}"]`).checked = true;
  showSections();
}

document.getElementById('ca-new').addEventListener('click', () => {
  startOver();
  clearProblems(form);
  result.replaceChildren();
  secretBox.hidden = true;
  form.elements.name.focus();
});

// ---- what the choices come from: the workflow stages and the Marketplace's vendors ----

async function loadStages() {
  try {
    stages = (await api('GET', '/v1/workflow-stages')).body.stages;
  } catch (e) {
    stageList.replaceChildren(el('p', { class: 'form-error' }, `The workflow stages could not be read: ${e.message}`));
    return;
  }
  stageNames = Object.fromEntries(stages.map((s) => [s.stageId, s.name]));
  const was = new Set(checked('stageIds'));
  stageList.replaceChildren(...(stages.length
    ? stages.map((s) => el('label', {},
      el('input', { type: 'checkbox', name: 'stageIds', value: s.stageId, disabled: !!s.filled, checked: was.has(s.stageId) }),
      s.filled ? `${s.name} (Filled stage: use Job order fill)` : s.name))
    : [el('p', {}, 'No workflow stages yet: set them on ', el('a', { href: '/console/templates' }, 'Job templates & stage triggers'), '.')]));
}

async function loadVendors() {
  try {
    const items = (await api('GET', marketplace('/v1/vendors'))).body.items;
    vendors = Object.fromEntries(items.map((v) => [v.id, v.name]));
    document.getElementById('ca-vendors').replaceChildren(...items.map((v) => el('option', { value: v.id }, v.name)));
  } catch (e) {
    // the vendor list only helps typing; a vendor id can be entered without it
  }
}

// ---- the list ----

async function act(action, path) {
  listError.textContent = '';
  testResult.replaceChildren();
  try {
    const answer = await api('POST', `/v1/custom-actions/${action.id}/${path}`, path === 'rotate-secret' ? {} : undefined,
      { etag: `"${action.version}"` });
    await refresh();
    if (answer.body && answer.body.secret) {
      const box = document.getElementById('actions-secret');
      box.querySelector('code').textContent = answer.body.secret;
      box.hidden = false;
    }
  } catch (e) {
    listError.textContent = e.message;
  }
}

async function remove(action) {
  if (!window.confirm(`Delete the custom action ${action.name}? Its button and triggers stop at once.`)) return;
  listError.textContent = '';
  try {
    await api('DELETE', `/v1/custom-actions/${action.id}`, undefined, { etag: `"${action.version}"` });
    await refresh();
  } catch (e) {
    listError.textContent = e.message;
  }
}

async function test(action) {
  listError.textContent = '';
  testResult.replaceChildren(el('p', {}, `Testing ${action.name}…`));
  try {
    const t = (await api('POST', `/v1/custom-actions/${action.id}/test`)).body;
    testResult.replaceChildren(el('div', {},
      el('p', { class: t.passed ? 'passed' : 'failed' }, `Test of ${action.name} ${t.passed ? 'passed' : 'failed'}`),
      el('p', {}, `HTTP status ${t.status || 'none'} · ${t.latencyMs} ms · ${t.url}`),
      t.error ? el('p', {}, `Why: ${t.error}`) : null,
      t.excerpt ? el('pre', { 'aria-label': 'Start of the answer' }, t.excerpt) : null));
  } catch (e) {
    testResult.replaceChildren();
    listError.textContent = e.message;
  }
}

async function refresh() {
  listError.textContent = '';
  let actions;
  try {
    actions = await all('/v1/custom-actions');
  } catch (e) {
    listError.textContent = e.message;
    return;
  }
  if (actions.some((a) => a.type === 'marketplace') && !Object.keys(vendors).length) await loadVendors();
  if (actions.some((a) => a.event && a.event.stageIds) && !stages.length) await loadStages();
  table.replaceChildren(...(actions.length ? actions.map(row) : [el('tr', {}, el('td', { colspan: 7 }, 'No custom actions yet.'))]));
}

function button(m) {
  return [el('div', {}, `${BEHAVIOURS[m.behaviour] || m.behaviour} on ${m.displayAreas.map((a) => AREAS[a] || a).join(', ')}`),
    el('div', { class: 'hint' }, `Permissions: ${m.permissions.join(', ')}`),
    m.behaviour === 'popup' && m.form ? el('div', { class: 'hint' }, `Asks for: ${m.form.fields.map((f) => f.label).join(', ')}`) : null,
    m.behaviour === 'redirect' ? el('div', { class: 'hint' }, `Opens ${m.redirectUrlTemplate}`) : null];
}

function what(a) {
  if (a.type === 'event') {
    return a.event.trigger === 'job_fill' ? 'When a job is filled'
      : `When a candidate enters: ${(a.event.stageIds || []).map((id) => stageNames[id] || id).join(', ')}`;
  }
  if (a.type === 'marketplace') {
    const vendor = vendors[a.marketplace.vendorId];
    return [el('div', {}, `Vendor: ${vendor ? `${vendor} (${a.marketplace.vendorId})` : a.marketplace.vendorId}`),
      a.marketplace.configVersion ? el('div', { class: 'hint' }, `From its configuration version ${a.marketplace.configVersion}`) : null,
      ...(a.manual ? button(a.manual) : [el('div', { class: 'hint' }, 'No button: runs from stage triggers')])];
  }
  return a.manual ? button(a.manual) : '—';
}

function secrets(a) {
  const previous = a.secrets.filter((s) => s.expiresAt);
  return [el('div', {}, a.secrets.length === 1 ? '1 secret' : `${a.secrets.length} secrets`),
    ...previous.map((s) => el('div', { class: 'hint' }, `Previous one signs until ${formatTime(s.expiresAt)}`))];
}

function row(a) {
  return el('tr', { 'data-id': a.id },
    el('td', {}, a.name, el('div', { class: 'hint' }, a.description)),
    el('td', {}, TYPES[a.type] || a.type),
    el('td', {}, what(a)),
    el('td', { class: 'url' }, a.endpointUrl),
    el('td', {}, a.enabled ? 'Yes' : 'No'),
    el('td', {}, secrets(a)),
    el('td', {}, el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Test ${a.name}`, onclick: () => test(a) }, 'Test'),
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Rotate the secret of ${a.name}`,
        onclick: () => act(a, 'rotate-secret') }, 'Rotate secret'),
      a.enabled
        ? el('button', { type: 'button', class: 'secondary', 'aria-label': `Disable ${a.name}`, onclick: () => act(a, 'disable') }, 'Disable')
        : el('button', { type: 'button', class: 'secondary', 'aria-label': `Enable ${a.name}`, onclick: () => act(a, 'enable') }, 'Enable'),
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Delete ${a.name}`, onclick: () => remove(a) }, 'Delete'))));
}

onSignedIn(() => {
  showSections();
  loadStages();
  refresh();
});
