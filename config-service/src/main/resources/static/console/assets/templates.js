import { Problem, all, api, clearProblems, el, onSignedIn, showProblem } from './console.js';

const stagesForm = document.getElementById('stages-form');
const stageRows = document.querySelector('#stages tbody');
const stagesResult = document.getElementById('stages-result');
const templateForm = document.getElementById('template-form');
const templateTriggers = document.getElementById('tpl-triggers');
const templatesTable = document.querySelector('#templates tbody');
const templatesError = document.getElementById('templates-error');
const jobForm = document.getElementById('job-form');
const jobTriggersForm = document.getElementById('job-triggers-form');
const jobTriggers = document.getElementById('job-triggers');
const jobResult = document.getElementById('job-result');

let workflow = { stages: [], etag: '"0"' };
let actions = []; // all the tenant's custom actions
let job = null; // {jobId, etag} of the job whose triggers are shown

const stagesCount = (n) => (n === 1 ? '1 stage' : `${n} stages`);
const canTrigger = (a) => a.type === 'marketplace' || (a.type === 'manual' && a.manual && a.manual.behaviour === 'background');
const actionName = (id) => (actions.find((a) => a.id === id) || { name: id }).name;
const stageName = (id) => (workflow.stages.find((s) => s.stageId === id) || { name: id }).name;

// ---- workflow stages: an editable list, saved as a whole ----

function stageRow(stage = { stageId: '', name: '', filled: false }) {
  const cell = (part, input) => el('td', {}, el('div', { class: 'field' },
    el('label', { class: 'visually-hidden', 'data-part': part }), input, el('p', { class: 'field-error', 'data-slot': part })));
  const tr = el('tr', {},
    cell('stageId', el('input', { type: 'text', 'data-part': 'stageId', value: stage.stageId, maxlength: 100 })),
    cell('name', el('input', { type: 'text', 'data-part': 'name', value: stage.name, maxlength: 200 })),
    cell('filled', el('input', { type: 'checkbox', 'data-part': 'filled', checked: !!stage.filled })),
    el('td', {}, el('button', { type: 'button', class: 'secondary', 'data-part': 'remove',
      onclick: () => { tr.remove(); numberStages(); } }, 'Remove')));
  return tr;
}

const LABELS = { stageId: 'Stage id', name: 'Name', filled: 'Filled stage' };

function numberStages() {
  [...stageRows.children].forEach((tr, i) => {
    const n = i + 1;
    const name = tr.querySelector('input[data-part="name"]').value.trim();
    tr.querySelectorAll('input[data-part]').forEach((input) => {
      const part = input.getAttribute('data-part');
      input.id = `stage-${i}-${part}`;
      input.setAttribute('aria-describedby', `stage-${i}-${part}-error`);
    });
    tr.querySelectorAll('label[data-part]').forEach((label) => {
      label.setAttribute('for', `stage-${i}-${label.getAttribute('data-part')}`);
      label.textContent = `${LABELS[label.getAttribute('data-part')]} of stage ${n}`;
    });
    tr.querySelectorAll('[data-slot]').forEach((slot) => {
      slot.id = `stage-${i}-${slot.getAttribute('data-slot')}-error`;
      slot.setAttribute('data-error-for', `/stages/${i}/${slot.getAttribute('data-slot')}`);
    });
    tr.querySelector('[data-part="remove"]').setAttribute('aria-label', `Remove stage ${n}${name ? ` (${name})` : ''}`);
  });
}

stagesForm.addEventListener('change', numberStages);

document.getElementById('stage-add').addEventListener('click', () => {
  const tr = stageRow();
  stageRows.append(tr);
  numberStages();
  tr.querySelector('input').focus();
});

async function loadStages() {
  const answer = await api('GET', '/v1/workflow-stages');
  workflow = { stages: answer.body.stages, etag: answer.etag || `"${answer.body.version}"` };
  stageRows.replaceChildren(...workflow.stages.map(stageRow));
  if (!workflow.stages.length) stageRows.append(stageRow());
  numberStages();
}

stagesForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(stagesForm);
  stagesResult.replaceChildren();
  const stages = [...stageRows.children].map((tr) => ({
    stageId: tr.querySelector('input[data-part="stageId"]').value.trim(),
    name: tr.querySelector('input[data-part="name"]').value.trim(),
    filled: tr.querySelector('input[data-part="filled"]').checked,
  }));
  try {
    const answer = await api('PUT', '/v1/workflow-stages', { stages }, { etag: workflow.etag });
    workflow = { stages: answer.body.stages, etag: answer.etag };
    stagesResult.replaceChildren(el('p', { class: 'passed' }, `Saved ${stagesCount(stages.length)} (version ${answer.body.version}).`));
    renderTriggers(templateTriggers, 'tpl', selection(templateTriggers));
    if (job) renderTriggers(jobTriggers, 'job', selection(jobTriggers));
    refreshTemplates();
  } catch (e) {
    showProblem(stagesForm, e);
    if (e.status === 412) stagesForm.querySelector('.form-error').textContent = 'The stages were changed meanwhile: reload the page to see them.';
  }
});

// ---- stage triggers: for each stage, the actions it runs (template and job alike) ----

function selection(container) {
  const chosen = {};
  container.querySelectorAll('fieldset[data-stage]').forEach((f) => {
    chosen[f.getAttribute('data-stage')] = [...f.querySelectorAll('input:checked')].map((c) => c.value);
  });
  return chosen;
}

function renderTriggers(container, prefix, chosen = {}) {
  const eligible = actions.filter(canTrigger);
  const known = new Set(workflow.stages.map((s) => s.stageId));
  const stages = [...workflow.stages, ...Object.keys(chosen).filter((id) => !known.has(id) && chosen[id].length)
    .map((id) => ({ stageId: id, name: `${id} (no longer a workflow stage)` }))];
  if (!stages.length) {
    container.replaceChildren(el('p', {}, 'Set your workflow stages above first.'));
    return;
  }
  const notes = eligible.length ? [] : [el('p', {}, 'No action can be a trigger yet: create a background or marketplace action on ',
    el('a', { href: '/console/custom-actions' }, 'Custom Actions'), '.')];
  container.replaceChildren(...notes, ...stages.map((s, i) => {
    const ids = chosen[s.stageId] || [];
    const offered = [...eligible.map((a) => a.id), ...ids.filter((id) => !eligible.some((a) => a.id === id))];
    const errorId = `${prefix}-stage-${i}-error`;
    return el('fieldset', { class: 'field', 'data-stage': s.stageId, 'aria-describedby': errorId },
      el('legend', {}, s.filled ? `${s.name} (Filled)` : s.name),
      el('div', { class: 'checks' }, offered.map((id) => {
        const a = actions.find((x) => x.id === id);
        const kind = !a ? 'unknown action' : a.type === 'marketplace' ? 'marketplace' : canTrigger(a) ? 'background' : 'needs a user';
        return el('label', {}, el('input', { type: 'checkbox', value: id, checked: ids.includes(id) }), `${a ? a.name : id} (${kind})`);
      })),
      offered.length ? null : el('p', { class: 'hint' }, 'No action to choose.'),
      el('p', { class: 'field-error', id: errorId }));
  }));
}

/** The stages with at least one action, in workflow order; each one's error slot gets the pointer of its index. */
function triggersOf(container) {
  const stages = [];
  container.querySelectorAll('fieldset[data-stage]').forEach((f) => {
    const slot = f.querySelector('.field-error');
    const actionIds = [...f.querySelectorAll('input:checked')].map((c) => c.value);
    if (actionIds.length) {
      slot.setAttribute('data-error-for', `/stages/${stages.length}`);
      stages.push({ stageId: f.getAttribute('data-stage'), actionIds });
    } else {
      slot.removeAttribute('data-error-for');
      slot.textContent = '';
    }
  });
  return stages;
}

const summary = (stages) => (stages.length
  ? stages.map((s) => el('div', {}, `${stageName(s.stageId)}: ${s.actionIds.map(actionName).join(', ')}`))
  : 'None');

// ---- job templates ----

async function refreshTemplates() {
  templatesError.textContent = '';
  let templates;
  try {
    templates = await all('/v1/job-templates');
  } catch (e) {
    templatesError.textContent = e.message;
    return;
  }
  templatesTable.replaceChildren(...(templates.length ? templates.map((t) => el('tr', { 'data-id': t.id },
    el('td', {}, t.name),
    el('td', {}, t.isDefault ? 'Yes' : 'No'),
    el('td', {}, summary(t.stages)),
    el('td', {}, el('div', { class: 'buttons' },
      t.isDefault ? null : el('button', { type: 'button', class: 'secondary', 'aria-label': `Make ${t.name} the default`,
        onclick: () => templateAction(t, 'POST', `/v1/job-templates/${t.id}/make-default`) }, 'Make default'),
      el('button', { type: 'button', class: 'secondary', 'aria-label': `Delete ${t.name}`, onclick: () => {
        if (window.confirm(`Delete the template ${t.name}? Jobs created from it keep their triggers.`)) {
          templateAction(t, 'DELETE', `/v1/job-templates/${t.id}`);
        }
      } }, 'Delete')))))
    : [el('tr', {}, el('td', { colspan: 4 }, 'No job templates yet.'))]));
}

async function templateAction(t, method, path) {
  templatesError.textContent = '';
  try {
    await api(method, path, undefined, { etag: `"${t.version}"` });
  } catch (e) {
    templatesError.textContent = e.message;
  }
  refreshTemplates();
}

templateForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(templateForm);
  const result = document.getElementById('tpl-result');
  result.replaceChildren();
  const body = { name: templateForm.elements.name.value.trim(), isDefault: templateForm.elements.isDefault.checked,
    stages: triggersOf(templateTriggers) };
  try {
    const created = (await api('POST', '/v1/job-templates', body)).body;
    result.replaceChildren(el('p', { class: 'passed' }, `Created the template ${created.name}${created.isDefault ? ', the default' : ''}.`));
    templateForm.reset();
    renderTriggers(templateTriggers, 'tpl');
    refreshTemplates();
  } catch (e) {
    showProblem(templateForm, e);
  }
});

// ---- one job's stage triggers ----

jobForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(jobForm);
  clearProblems(jobTriggersForm);
  jobResult.replaceChildren();
  const jobId = jobForm.elements.jobId.value.trim();
  if (!jobId) {
    showProblem(jobForm, new Problem(422, { detail: 'enter a job id', errors: [{ pointer: '/jobId', detail: 'is required' }] }));
    return;
  }
  let chosen = {};
  try {
    const answer = await api('GET', `/v1/jobs/${encodeURIComponent(jobId)}/stage-triggers`);
    job = { jobId, etag: answer.etag };
    answer.body.stages.forEach((s) => { chosen[s.stageId] = s.actionIds; });
    jobResult.replaceChildren(el('p', {}, `Job ${jobId} has its own triggers on ${stagesCount(answer.body.stages.length)}.`));
  } catch (e) {
    if (e.status !== 404) {
      job = null;
      jobTriggersForm.hidden = true;
      showProblem(jobForm, e);
      return;
    }
    job = { jobId, etag: '"0"' };
    chosen = {};
    jobResult.replaceChildren(el('p', {}, `Job ${jobId} has no triggers of its own yet.`));
  }
  document.getElementById('job-triggers-legend').textContent = `Stage triggers of job ${jobId}`;
  renderTriggers(jobTriggers, 'job', chosen);
  jobTriggersForm.hidden = false;
});

jobTriggersForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(jobTriggersForm);
  jobResult.replaceChildren();
  try {
    const answer = await api('PUT', `/v1/jobs/${encodeURIComponent(job.jobId)}/stage-triggers`,
      { stages: triggersOf(jobTriggers) }, { etag: job.etag });
    job = { ...job, etag: answer.etag };
    jobResult.replaceChildren(el('p', { class: 'passed' },
      `Saved: job ${job.jobId} has its own triggers on ${stagesCount(answer.body.stages.length)} (version ${answer.body.version}).`));
  } catch (e) {
    showProblem(jobTriggersForm, e);
    if (e.status === 412) jobTriggersForm.querySelector('.form-error').textContent = 'The job\'s triggers were changed meanwhile: load them again.';
  }
});

onSignedIn(async () => {
  try {
    [actions] = await Promise.all([all('/v1/custom-actions'), loadStages()]);
  } catch (e) {
    stagesForm.querySelector('.form-error').textContent = e.message;
  }
  renderTriggers(templateTriggers, 'tpl');
  refreshTemplates();
});
