// Progressive enhancement of the portal's fiscal form (the page works without it): régimen and uso
// options follow the RFC type and the régimen as the customer types, fields are checked by the server's
// own rules (POST <slug>/validate) once touched, and the Constancia PDF fills the form without a reload.
(() => {
  const form = document.getElementById('fiscal-form');
  if (!form) return;
  const $ = (name) => form.elements.namedItem(name);
  const csrf = () => $('_csrf').value;
  const status = document.getElementById('form-status');
  const touched = new Set();
  let catalogs = null;
  let timer = 0;
  let seq = 0;

  const persona = (rfc) => {
    if (/^[A-ZÑ&]{4}\d{6}[A-Z\d]{3}$/.test(rfc)) return 'fisica';
    if (/^[A-ZÑ&]{3}\d{6}[A-Z\d]{3}$/.test(rfc)) return 'moral';
    return null;
  };

  function fill(select, options, placeholder) {
    const current = select.value;
    select.replaceChildren(new Option(placeholder, ''));
    for (const o of options) select.add(new Option(o.label, o.key, false, o.key === current));
    if (!options.some((o) => o.key === current)) select.value = '';
  }

  function refreshOptions() {
    if (!catalogs) return;
    const tipo = persona($('rfc').value.trim().toUpperCase());
    const regimes = catalogs.regimes.filter((r) => !tipo || r[tipo]);
    fill($('taxRegime'), regimes, form.dataset.pickRegime);
    const regime = $('taxRegime').value;
    const uses = catalogs.uses.filter((u) => (!tipo || u[tipo]) && (!regime || u.regimes.includes(regime)));
    fill($('cfdiUse'), uses, form.dataset.pickUse);
  }

  function showError(name, message) {
    const field = $(name);
    const slot = form.querySelector(`[data-error-for="${name}"]`);
    if (!field || !slot) return;
    slot.textContent = message || '';
    if (message) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }

  async function validate() {
    const mine = ++seq;
    const body = new URLSearchParams();
    for (const name of ['rfc', 'name', 'taxRegime', 'zip', 'cfdiUse', 'email']) body.set(name, $(name).value);
    try {
      const res = await fetch(form.dataset.validateUrl, {
        method: 'POST',
        headers: { accept: 'application/json', 'x-csrf-token': csrf() },
        body,
        credentials: 'same-origin',
      });
      if (!res.ok || mine !== seq) return;
      const { errors } = await res.json();
      for (const name of touched) showError(name, errors[name]);
      const clean = Object.keys(errors).length === 0;
      status.textContent = clean ? form.dataset.ok : '';
    } catch {
      // Offline or slow: the server checks everything again on submit.
    }
  }

  const schedule = (delay) => {
    clearTimeout(timer);
    timer = setTimeout(validate, delay);
  };

  form.addEventListener('input', (event) => {
    const { name } = event.target;
    if (name === 'rfc') {
      const start = event.target.selectionStart;
      event.target.value = event.target.value.toUpperCase().replace(/\s+/g, '');
      event.target.setSelectionRange?.(start, start);
      refreshOptions();
    }
    if (touched.has(name)) schedule(350);
  });
  form.addEventListener('change', (event) => {
    const { name } = event.target;
    if (name === 'taxRegime') refreshOptions();
    if (name) touched.add(name);
    schedule(50);
  });
  form.addEventListener('focusout', (event) => {
    const { name } = event.target;
    if (!name || name === '_csrf' || event.target.value.trim() === '') return;
    touched.add(name);
    schedule(50);
  });
  form.addEventListener('submit', () => {
    const button = document.getElementById('submit-invoice');
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    button.textContent = form.dataset.submitting;
    status.textContent = form.dataset.submitting;
  });

  fetch(form.dataset.catalogsUrl, { headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? res.json() : null))
    .then((data) => {
      catalogs = data;
      refreshOptions();
    })
    .catch(() => {});

  // Fields the server marked as wrong are "touched": fixing them clears the message live.
  for (const slot of form.querySelectorAll('[data-error-for]')) {
    if (slot.textContent.trim() !== '') touched.add(slot.dataset.errorFor);
  }

  const csfForm = document.getElementById('csf-form');
  const csfStatus = document.getElementById('csf-status');
  const csfFile = document.getElementById('csf-file');
  const csfName = document.getElementById('csf-name');
  csfFile?.addEventListener('change', () => {
    csfName.textContent = csfFile.files?.[0]?.name || csfName.dataset.none;
    csfStatus.textContent = '';
  });
  csfForm?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = csfForm.querySelector('button');
    button.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(csfForm.action, {
        method: 'POST',
        body: new FormData(csfForm),
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      const data = await res.json().catch(() => ({}));
      const values = data.values || {};
      for (const name of ['rfc', 'name', 'zip']) if (values[name]) $(name).value = values[name];
      refreshOptions();
      if (values.taxRegime) {
        $('taxRegime').value = values.taxRegime;
        refreshOptions();
      }
      for (const name of Object.keys(values)) touched.add(name);
      csfStatus.textContent = data.message || data.error?.message || '';
      if (Object.keys(values).length) schedule(50);
    } finally {
      button.removeAttribute('aria-busy');
    }
  });
})();
