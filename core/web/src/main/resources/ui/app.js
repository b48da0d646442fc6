/*
 * Hepatica web interface: plain JavaScript, no framework, nothing fetched from elsewhere.
 * Every page is a hash route (#/cohorts, #/cohorts/ID, #/cohorts/ID/run/ANALYSIS, #/analyses,
 * #/results/ID, #/admin), so reload and the back button work. Every call goes to the HTTP API
 * under /api/v1 with the signed-in user's credentials (kept in sessionStorage, sent as HTTP Basic)
 * and X-Requested-With: XMLHttpRequest, for which the API sends no Basic challenge: a wrong
 * password is shown by the sign-in form, never by the browser's own dialog.
 * Numbers are shown as the API sends them (the shortest decimal of the same double), never rounded.
 */
'use strict';
(function () {
  const API = '/api/v1';
  const AUTH = 'hepatica.auth';
  const USER = 'hepatica.user';
  const ADMIN = 'hepatica.admin';
  const main = document.getElementById('main');

  // ---------- DOM ----------

  /** An element: h('a', {href: '#/x', class: 'y', onclick: f}, 'text', child, [more]). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      if (Array.isArray(c)) append(el, c);
      else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  let ids = 0;
  function uid(prefix) {
    ids += 1;
    return prefix + '-' + ids;
  }

  /** Tells screen readers what just happened (the polite live region). */
  function announce(text) {
    const s = document.getElementById('status');
    s.textContent = '';
    setTimeout(() => { s.textContent = text; }, 50);
  }

  /** A number as the API sent it; anything else as text; null as an em dash (no value). */
  function show(v) {
    if (v === null || v === undefined) return '\u2014';
    if (typeof v === 'number') return String(v);
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    if (Array.isArray(v)) return v.map(show).join(', ');
    if (typeof v === 'object') return Object.entries(v).map(([k, x]) => k + ': ' + show(x)).join('; ');
    return String(v);
  }

  function numCell(v) {
    return h('td', { class: typeof v === 'number' ? 'num' : null }, show(v));
  }

  function table(caption, headers, rows, attrs) {
    return h('div', { class: 'scroll' }, h('table', attrs || {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows)));
  }

  function kv(pairs) {
    return h('dl', { class: 'kv' }, pairs.filter(p => p).map(([k, v]) => [h('dt', {}, k),
      h('dd', {}, v instanceof Node ? v : show(v))]));
  }

  function notice(kind, ...children) {
    return h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : null }, children);
  }

  /** The problem document of a failed call, as a notice: title, detail, and its row errors. */
  function problemNotice(err, what) {
    const p = err.problem || {};
    const parts = [h('p', {}, h('strong', {}, (what ? what + ': ' : '') + (p.title || err.message)
      + (err.status ? ' (HTTP ' + err.status + ')' : ''))),
    p.detail ? h('p', {}, p.detail) : null];
    if (Array.isArray(p.errors) && p.errors.length) {
      parts.push(rejectionTable(p.errors, 'Problems found (line, column, reason)'));
    }
    return notice('error', parts);
  }

  function rejectionTable(rows, caption) {
    return table(caption, ['Line', 'Column', 'Reason'], rows.map(r => h('tr', {},
      h('td', { class: 'num' }, show(r.line)), h('td', {}, show(r.column)), h('td', {}, show(r.reason)))),
    { class: 'rejections' });
  }

  function busy(text) {
    const started = Date.now();
    const label = h('span', {}, text);
    const el = h('div', { class: 'progress running', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), label);
    const timer = setInterval(() => {
      if (!el.isConnected) { clearInterval(timer); return; }
      label.textContent = text + ' (' + Math.round((Date.now() - started) / 1000) + ' s)';
    }, 1000);
    el.stop = () => { clearInterval(timer); el.remove(); };
    return el;
  }

  // ---------- session ----------

  const session = {
    auth: () => sessionStorage.getItem(AUTH),
    user: () => sessionStorage.getItem(USER),
    admin: () => sessionStorage.getItem(ADMIN) === 'true',
    set(user, auth, admin) {
      sessionStorage.setItem(USER, user);
      sessionStorage.setItem(AUTH, auth);
      sessionStorage.setItem(ADMIN, String(admin));
    },
    clear() {
      [AUTH, USER, ADMIN].forEach(k => sessionStorage.removeItem(k));
    }
  };

  function basic(user, password) {
    const bytes = new TextEncoder().encode(user + ':' + password);
    let s = '';
    bytes.forEach(b => { s += String.fromCharCode(b); });
    return btoa(s);
  }

  // ---------- API ----------

  class ApiError extends Error {
    constructor(status, problem, message) {
      super(message || (problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem;
    }
  }

  /**
   * One call to the API, asynchronous (XMLHttpRequest, for upload progress): resolves with
   * {status, type, text, json, blob} for 2xx, rejects with an ApiError carrying the problem
   * document otherwise. A 401 on a signed-in session ends it and shows the sign-in form.
   * opts: body, type (Content-Type), blob (answer as a Blob), auth (other credentials),
   * progress(loaded, total), uploaded() (the body is sent; the server is working).
   */
  function api(method, path, opts) {
    opts = opts || {};
    return new Promise((resolve, reject) => {
      const x = new XMLHttpRequest();
      x.open(method, API + path);
      x.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
      const auth = opts.auth || session.auth();
      if (auth) x.setRequestHeader('Authorization', 'Basic ' + auth);
      if (opts.type) x.setRequestHeader('Content-Type', opts.type);
      x.responseType = opts.blob ? 'blob' : 'text';
      if (opts.progress) x.upload.addEventListener('progress', e => opts.progress(e.loaded, e.lengthComputable ? e.total : 0));
      if (opts.uploaded) x.upload.addEventListener('load', () => opts.uploaded());
      x.onload = async () => {
        const type = x.getResponseHeader('Content-Type') || '';
        const ok = x.status >= 200 && x.status < 300;
        if (ok && opts.blob) {
          resolve({ status: x.status, type, blob: x.response });
          return;
        }
        const text = opts.blob ? await x.response.text() : x.responseText;
        let json = null;
        if (/json/.test(type) && text) {
          try { json = JSON.parse(text); } catch (e) { json = null; }
        }
        if (ok) {
          resolve({ status: x.status, type, text, json });
          return;
        }
        if (x.status === 401 && !opts.auth && session.auth()) {
          session.clear();
          signInNotice = 'Your session has ended (the user name or password is no longer accepted): sign in again.';
          go('/signin?next=' + encodeURIComponent(currentPath()));
        }
        reject(new ApiError(x.status, json));
      };
      x.onerror = () => reject(new ApiError(0, null, 'the platform cannot be reached (network error)'));
      x.send(opts.body === undefined ? null : opts.body);
    });
  }

  async function json(path) {
    return (await api('GET', path)).json;
  }

  const enc = encodeURIComponent;

  /** A link that downloads an API resource: fetched with the credentials, offered as a blob URL. */
  function download(label, path, filename) {
    const a = h('a', { href: API + path, download: filename, class: 'button secondary', 'data-download': filename });
    a.textContent = label;
    let ready = false;
    a.addEventListener('click', async e => {
      if (ready) return;
      e.preventDefault();
      a.setAttribute('aria-busy', 'true');
      try {
        const r = await api('GET', path, { blob: true });
        a.href = URL.createObjectURL(r.blob);
        ready = true;
        a.removeAttribute('aria-busy');
        a.click();
        announce(filename + ' downloaded');
      } catch (err) {
        a.removeAttribute('aria-busy');
        a.after(problemNotice(err, 'Download of ' + filename));
      }
    });
    return a;
  }

  // ---------- results ----------

  /** The cohort's stored results, newest first (GET /cohorts/{id}/results). */
  async function cohortResults(cohortId) {
    const list = await json('/cohorts/' + enc(cohortId) + '/results');
    return list.map(r => ({ id: r.id, analysis: r.analysis, cohort: r.cohort, at: r.startedAt }));
  }

  // ---------- routing ----------

  let signInNotice = null;

  function currentPath() {
    const hash = location.hash.replace(/^#/, '');
    return hash.startsWith('/') ? hash : '/cohorts';
  }

  function go(path) {
    if (currentPath() === path && location.hash) route();
    else location.hash = '#' + path;
  }

  function parse(path) {
    const q = path.indexOf('?');
    const params = new URLSearchParams(q < 0 ? '' : path.slice(q + 1));
    return { path: q < 0 ? path : path.slice(0, q), params };
  }

  const routes = [
    [/^\/signin$/, signInPage, 'signin'],
    [/^\/cohorts$/, cohortsPage, 'cohorts'],
    [/^\/cohorts\/([^/]+)$/, cohortPage, 'cohorts'],
    [/^\/cohorts\/([^/]+)\/run\/([^/]+)$/, runPage, 'analyses'],
    [/^\/analyses$/, analysesPage, 'analyses'],
    [/^\/results\/([^/]+)$/, resultPage, 'cohorts'],
    [/^\/admin$/, adminPage, 'admin']
  ];

  function route() {
    const { path, params } = parse(currentPath());
    if (!session.auth() && path !== '/signin') {
      go('/signin?next=' + enc(currentPath()));
      return;
    }
    let found = null;
    for (const [re, page, section] of routes) {
      const m = path.match(re);
      if (m) { found = { page, section, args: m.slice(1).map(decodeURIComponent) }; break; }
    }
    renderChrome(found ? found.section : null);
    const root = h('div', { class: 'page' });
    main.replaceChildren(root);
    if (!found) {
      heading(root, 'Page not found');
      root.append(h('p', {}, 'There is no page at ' + path + '. ', h('a', { href: '#/cohorts' }, 'Go to the cohorts')));
      return;
    }
    Promise.resolve(found.page(root, params, ...found.args)).catch(err => {
      if (err instanceof ApiError && err.status === 401) return;
      root.append(problemNotice(err));
    });
  }

  /** The page's heading: the document title too, and where the focus goes after navigating. */
  function heading(root, text, sub) {
    const h1 = h('h1', { tabindex: '-1' }, text);
    root.append(h1);
    if (sub) root.append(h('p', { class: 'sub' }, sub));
    document.title = text + ' \u2014 Hepatica';
    if (navigated) h1.focus();
    return h1;
  }

  let navigated = false;

  function renderChrome(section) {
    const nav = document.getElementById('nav');
    const who = document.getElementById('who');
    nav.replaceChildren();
    who.replaceChildren();
    if (!session.auth()) return;
    const link = (href, text, name) => h('li', {}, h('a', { href, 'aria-current': section === name ? 'page' : null }, text));
    append(nav, [link('#/cohorts', 'Cohorts', 'cohorts'), link('#/analyses', 'Analyses', 'analyses'),
      session.admin() ? link('#/admin', 'Administration', 'admin') : null]);
    append(who, [h('span', {}, 'Signed in as ', h('strong', {}, session.user()), session.admin() ? ' (administrator)' : ' (analyst)'),
      h('button', { type: 'button', id: 'signout', onclick: () => { session.clear(); go('/signin'); announce('Signed out'); } }, 'Sign out')]);
  }

  // ---------- sign in ----------

  function field(label, input, hint) {
    const id = input.id || (input.id = uid('f'));
    const hintId = hint ? id + '-hint' : null;
    const errorId = id + '-error';
    if (hint) input.setAttribute('aria-describedby', hintId + ' ' + errorId);
    else input.setAttribute('aria-describedby', errorId);
    return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
      input, h('p', { class: 'field-error', id: errorId, hidden: true }));
  }

  function setFieldError(input, message) {
    const err = document.getElementById(input.id + '-error');
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      err.textContent = message;
      err.hidden = false;
    } else {
      input.removeAttribute('aria-invalid');
      err.textContent = '';
      err.hidden = true;
    }
  }

  function signInPage(root, params) {
    heading(root, 'Sign in', 'Use your Hepatica user name and password (the same as for the HTTP API).');
    const next = params.get('next') || '/cohorts';
    const user = h('input', { type: 'text', id: 'signin-user', name: 'username', autocomplete: 'username', required: true });
    const password = h('input', { type: 'password', id: 'signin-password', name: 'password', autocomplete: 'current-password', required: true });
    const button = h('button', { type: 'submit', id: 'signin-submit' }, 'Sign in');
    const message = h('div', { id: 'signin-message' });
    if (signInNotice) {
      message.append(notice('warn', h('p', {}, signInNotice)));
      signInNotice = null;
    }
    const form = h('form', { class: 'stack', id: 'signin-form', novalidate: true }, field('User name', user), field('Password', password), h('div', {}, button));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      message.replaceChildren();
      if (!user.value || !password.value) {
        message.append(notice('error', h('p', {}, 'Give a user name and a password.')));
        return;
      }
      const auth = basic(user.value, password.value);
      button.disabled = true;
      const wait = busy('Signing in');
      message.append(wait);
      try {
        const me = (await api('GET', '/me', { auth })).json;
        const roles = (me && me.roles) || [];
        if (!roles.includes('analyst') && !roles.includes('admin')) {
          throw { status: 403 };
        }
        session.set(user.value, auth, roles.includes('admin'));
        announce('Signed in as ' + user.value);
        go(next.startsWith('/') && !next.startsWith('/signin') ? next : '/cohorts');
      } catch (err) {
        wait.stop();
        button.disabled = false;
        let text;
        if (err.status === 401) text = 'Wrong user name or password.';
        else if (err.status === 403) text = 'This user has neither role analyst nor admin, which the interface needs.';
        else text = (err.problem && err.problem.detail) || err.message;
        message.append(notice('error', h('p', {}, h('strong', {}, 'Not signed in: '), text)));
        password.select();
        password.focus();
      }
    });
    root.append(message, form);
    if (!navigated) user.focus();
  }

  // ---------- cohorts ----------

  async function cohortsPage(root) {
    heading(root, 'Cohorts');
    const list = h('div', { id: 'cohort-list' }, busy('Loading cohorts'));
    root.append(list, importForm(() => loadCohorts(list)));
    await loadCohorts(list);
  }

  /** The events of one endpoint in a cohort of the list (undefined when the API gave none). */
  function events(cohort, endpoint) {
    const e = (cohort.endpoints || []).find(x => x.endpoint === endpoint);
    return e ? e.events : undefined;
  }

  async function loadCohorts(list) {
    const cohorts = await json('/cohorts');
    list.replaceChildren(cohorts.length === 0 ? h('p', {}, 'No cohort has been imported yet.') :
      table(cohorts.length + (cohorts.length === 1 ? ' cohort' : ' cohorts'),
        ['Name', 'Version', 'Patients', 'DFS events', 'OS events', 'Imported at', 'Checksum (SHA-256)'],
        cohorts.map(c => h('tr', {},
          h('td', {}, h('a', { href: '#/cohorts/' + enc(c.id) }, c.name)), numCell(c.version), numCell(c.patients),
          numCell(events(c, 'DFS')), numCell(events(c, 'OS')),
          h('td', {}, show(c.importedAt)), h('td', {}, h('code', { title: c.checksum }, c.checksum.slice(0, 12) + '\u2026')))),
      { id: 'cohorts-table' }));
  }

  function importForm(onImported) {
    const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv,text/plain' });
    const name = h('input', { type: 'text', id: 'import-name', autocomplete: 'off' });
    const unit = h('select', { id: 'import-unit' }, ['days', 'months', 'years'].map(u => h('option', { value: u }, u)));
    const chosen = h('p', { class: 'hint', id: 'import-chosen' }, 'No file chosen.');
    const drop = h('div', { class: 'drop', id: 'import-drop' },
      field('Cohort file (CSV)', file, 'Choose a file, or drag it onto this box. One row per patient, as the cohort CSV format describes; REDCap exports are imported through the platform\u2019s REDCap inbox.'),
      chosen);
    let picked = null;
    const pick = f => {
      picked = f;
      chosen.textContent = f ? 'Chosen: ' + f.name + ' (' + f.size.toLocaleString('en') + ' bytes)' : 'No file chosen.';
      if (f && !name.value) name.value = f.name.replace(/\.[^.]*$/, '');
    };
    file.addEventListener('change', () => pick(file.files[0] || null));
    drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', e => {
      e.preventDefault();
      drop.classList.remove('over');
      if (e.dataTransfer.files.length) pick(e.dataTransfer.files[0]);
    });
    const button = h('button', { type: 'submit', id: 'import-submit' }, 'Import');
    const out = h('div', { id: 'import-result', 'aria-live': 'polite' });
    const form = h('form', { class: 'stack', id: 'import-form', novalidate: true }, drop,
      field('Cohort name', name, 'The same name again with a different file makes a new version of that cohort.'),
      field('Unit of the duration columns', unit, 'Used when the file gives durations rather than dates.'),
      h('div', {}, button));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      out.replaceChildren();
      setFieldError(file, picked ? null : 'Choose a CSV file first.');
      setFieldError(name, name.value.trim() ? null : 'Give the cohort a name.');
      if (!picked) { file.focus(); return; }
      if (!name.value.trim()) { name.focus(); return; }
      button.disabled = true;
      const bar = h('progress', { id: 'import-progress', max: '100', value: '0', 'aria-label': 'Upload progress' });
      const label = h('span', { id: 'import-progress-label' }, 'Uploading ' + picked.name + '\u2026');
      const progress = h('div', { class: 'progress', role: 'status' }, bar, label);
      out.append(progress);
      try {
        const r = await api('POST', '/cohorts?name=' + enc(name.value.trim()) + '&timeUnit=' + enc(unit.value), {
          body: picked, type: 'text/csv',
          progress: (loaded, total) => {
            if (total) {
              const pct = Math.floor(100 * loaded / total);
              bar.value = pct;
              label.textContent = 'Uploading ' + picked.name + ': ' + pct + ' %';
            }
          },
          uploaded: () => {
            bar.removeAttribute('value');
            label.textContent = 'Uploaded; the platform is checking the rows\u2026';
          }
        });
        progress.remove();
        out.append(importReport(r.json, r.status));
        out.scrollIntoView({ block: 'nearest' });
        announce('Imported ' + r.json.name);
        onImported();
      } catch (err) {
        progress.remove();
        out.append(problemNotice(err, 'The file was refused'));
        out.scrollIntoView({ block: 'nearest' });
      } finally {
        button.disabled = false;
      }
    });
    return h('section', { 'aria-labelledby': 'import-heading' }, h('h2', { id: 'import-heading' }, 'Import a cohort'), form, out);
  }

  function importReport(r, status) {
    const parts = [h('p', {}, h('strong', {}, status === 201 ? 'Imported ' : 'Already imported: '),
      h('a', { href: '#/cohorts/' + enc(r.id), id: 'import-cohort-link' }, r.name + ' version ' + r.version),
      status === 201 ? '.' : ' (the same file was imported before; no duplicate was made).'),
    h('p', {}, r.rowsRead + ' rows read, ' + r.rowsAccepted + ' accepted, ' + r.rowsRejected + ' rejected.')];
    const box = notice(r.rowsRejected > 0 ? 'warn' : 'ok', parts);
    const wrap = h('div', {}, box);
    if (r.rejections && r.rejections.length) {
      wrap.append(rejectionTable(r.rejections, 'Rejected rows (line, column, reason)'));
      if (r.rejectionReport) {
        wrap.append(h('p', {}, 'Only the first ' + r.rejections.length + ' of ' + r.rejectionCount + ' problems are listed. ',
          download('All problems (CSV)', '/cohorts/' + enc(r.id) + '/rejections.csv', 'rejections-' + r.id + '.csv')));
      }
    }
    return wrap;
  }

  async function cohortPage(root, params, id) {
    const h1 = heading(root, 'Cohort');
    const wait = busy('Loading the cohort');
    root.append(wait);
    const [c, analyses, results] = await Promise.all([json('/cohorts/' + enc(id)), json('/analyses'), cohortResults(id)]);
    wait.stop();
    h1.textContent = 'Cohort ' + c.name;
    document.title = h1.textContent + ' \u2014 Hepatica';
    root.append(kv([['Id', h('code', {}, c.id)], ['Version', c.version], ['Patients', c.patients], ['Imported at', c.importedAt],
      ['Checksum (SHA-256)', h('code', {}, c.checksum)],
      c.rowsRead !== undefined ? ['Rows read', c.rowsRead] : null,
      c.rowsRejected !== undefined ? ['Rows rejected', c.rowsRejected] : null]));
    if (c.endpoints) {
      root.append(h('h2', {}, 'Endpoints'),
        table('Patients with the endpoint derived, and their events', ['Endpoint', 'Patients', 'Events'],
          c.endpoints.map(e => h('tr', {}, h('th', { scope: 'row' }, e.endpoint), numCell(e.patients), numCell(e.events))),
          { id: 'endpoints-table' }));
    }
    root.append(h('h2', {}, 'Columns'),
      table(c.columns.length + ' columns: type, missing values and levels', ['Column', 'Type', 'Missing', 'Levels'],
        c.columns.map(col => h('tr', {}, h('th', { scope: 'row' }, col.name), h('td', {}, col.type), numCell(col.missing),
          h('td', {}, col.levels ? col.levels.join(', ') : '\u2014'))), { id: 'columns-table' }));
    if (c.rejections && c.rejections.length) {
      root.append(h('h2', {}, 'Rows rejected at import'), rejectionTable(c.rejections, c.rejectionCount + ' problems'));
    }
    root.append(h('h2', {}, 'Run an analysis'),
      h('ul', { id: 'run-links' }, analyses.map(a => h('li', {},
        h('a', { href: '#/cohorts/' + enc(c.id) + '/run/' + enc(a.id) }, a.name), ' (' + a.id + ' ' + a.version + ')'))));
    root.append(h('h2', {}, 'Results'), h('p', { class: 'hint' }, 'Every stored result of this cohort, newest first.'),
    results.length === 0 ? h('p', {}, 'No result yet.') :
      table(null, ['Run at', 'Analysis', 'Result'], results.map(r => h('tr', {}, h('td', {}, show(r.at)), h('td', {}, r.analysis),
        h('td', {}, h('a', { href: '#/results/' + enc(r.id) }, 'Result ' + r.id.slice(0, 8))))), { id: 'results-table' }));
  }

  // ---------- analyses ----------

  async function analysesPage(root) {
    heading(root, 'Analyses', 'The analyses installed now: each one is a plugin bundle.');
    const wait = busy('Loading analyses');
    root.append(wait);
    const [analyses, cohorts] = await Promise.all([json('/analyses'), json('/cohorts')]);
    wait.stop();
    const select = h('select', { id: 'analyses-cohort' }, cohorts.map(c => h('option', { value: c.id }, c.name + ' v' + c.version + ' (' + c.patients + ' patients)')));
    if (cohorts.length) root.append(h('div', { class: 'inline-form' }, field('Cohort to run on', select)));
    else root.append(h('p', {}, 'Import a cohort first to run an analysis.'));
    root.append(table(analyses.length + ' analyses', ['Analysis', 'Id', 'Version', 'Bundle', 'Parameters', ''],
      analyses.map(a => h('tr', {}, h('td', {}, h('strong', {}, a.name), h('p', { class: 'hint' }, a.description)), h('td', {}, h('code', {}, a.id)),
        h('td', {}, a.version), h('td', {}, h('code', {}, a.bundle)), h('td', {}, a.parameters.map(p => p.name).join(', ') || '\u2014'),
        h('td', {}, cohorts.length ? h('button', { type: 'button', 'aria-label': 'Run ' + a.name + ' on the chosen cohort',
          onclick: () => go('/cohorts/' + enc(select.value) + '/run/' + enc(a.id)) }, 'Run\u2026') : null))), { id: 'analyses-table' }));
  }

  /** The input of one declared parameter, and how to read it back as a JSON value (undefined: leave it out). */
  function parameterInput(p, columns) {
    const id = 'param-' + p.name;
    const def = p.default;
    if (p.values && p.type === 'string-list') {
      const boxes = p.values.map(v => h('input', { type: 'checkbox', value: v, id: id + '-' + v, checked: Array.isArray(def) ? def.includes(v) : true }));
      const fs = h('fieldset', { id }, h('legend', {}, p.name + (p.required ? ' (required)' : '')), h('p', { class: 'hint' }, p.description),
        boxes.map(b => h('div', {}, b, ' ', h('label', { for: b.id }, b.value))), h('p', { class: 'field-error', id: id + '-error', hidden: true }));
      return { el: fs, focus: boxes[0], input: fs, read: () => boxes.filter(b => b.checked).map(b => b.value) };
    }
    if (p.values) {
      const select = h('select', { id, name: p.name }, !p.required && def === null ? h('option', { value: '' }, '(none)') : null,
        p.values.map(v => h('option', { value: v, selected: v === def }, v)));
      return { el: field(label(p), select, p.description), input: select, read: () => (select.value === '' ? undefined : select.value) };
    }
    if (p.type === 'boolean') {
      const box = h('input', { type: 'checkbox', id, checked: def === true });
      return { el: field(label(p), box, p.description), input: box, read: () => box.checked };
    }
    const text = h('input', { type: 'text', id, name: p.name, autocomplete: 'off' });
    let hint = p.description;
    let read;
    if (p.type === 'number' || p.type === 'integer') {
      text.setAttribute('inputmode', 'decimal');
      text.value = def === null || def === undefined ? '' : String(def);
      read = () => { const s = text.value.trim(); return s === '' ? undefined : (isFinite(Number(s)) ? Number(s) : s); };
    } else if (p.type === 'number-list' || p.type === 'string-list') {
      text.value = Array.isArray(def) ? def.join(', ') : '';
      hint += ' (separate values with commas)';
      read = () => {
        const s = text.value.trim();
        if (s === '') return p.required || Array.isArray(def) ? [] : undefined;
        const items = s.split(',').map(x => x.trim()).filter(x => x !== '');
        return p.type === 'number-list' ? items.map(x => (isFinite(Number(x)) ? Number(x) : x)) : items;
      };
    } else if (p.type === 'string-map') {
      text.value = def && typeof def === 'object' ? Object.entries(def).map(([k, v]) => k + '=' + v).join(', ') : '';
      hint += ' (write name=value, separated by commas)';
      read = () => {
        const s = text.value.trim();
        if (s === '') return def && typeof def === 'object' ? {} : undefined;
        const out = {};
        s.split(',').forEach(pair => {
          const i = pair.indexOf('=');
          if (i > 0) out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
          else if (pair.trim()) out[pair.trim()] = '';
        });
        return out;
      };
    } else {
      text.value = def === null || def === undefined ? '' : String(def);
      if (columns) text.setAttribute('list', 'cohort-columns');
      read = () => (text.value.trim() === '' ? undefined : text.value.trim());
    }
    return { el: field(label(p), text, hint), input: text, read };
  }

  function label(p) {
    return p.name + (p.required ? ' (required)' : '');
  }

  async function runPage(root, params, cohortId, analysisId) {
    const h1 = heading(root, 'Run an analysis');
    const wait = busy('Loading');
    root.append(wait);
    const [analyses, cohort] = await Promise.all([json('/analyses'), json('/cohorts/' + enc(cohortId))]);
    wait.stop();
    const a = analyses.find(x => x.id === analysisId);
    if (!a) {
      root.append(notice('error', h('p', {}, 'No analysis \u201c' + analysisId + '\u201d is installed now. '), h('a', { href: '#/analyses' }, 'See the installed analyses')));
      return;
    }
    h1.textContent = 'Run ' + a.name;
    document.title = h1.textContent + ' \u2014 Hepatica';
    root.append(h('p', { class: 'sub' }, 'On cohort ', h('a', { href: '#/cohorts/' + enc(cohort.id) }, cohort.name + ' v' + cohort.version),
      ' (' + cohort.patients + ' patients). Analysis ' + a.id + ' ' + a.version + ' from bundle ' + a.bundle + '.'), h('p', {}, a.description));
    root.append(h('datalist', { id: 'cohort-columns' }, cohort.columns.map(c => h('option', { value: c.name }))));
    const inputs = a.parameters.map(p => ({ p, ...parameterInput(p, cohort.columns) }));
    const button = h('button', { type: 'submit', id: 'run-submit' }, 'Run');
    const out = h('div', { id: 'run-result' });
    const form = h('form', { class: 'stack', id: 'run-form', novalidate: true },
      inputs.length ? inputs.map(i => i.el) : h('p', {}, 'This analysis takes no parameters.'), h('div', {}, button));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      out.replaceChildren();
      const parameters = {};
      inputs.forEach(i => {
        setFieldError(i.input, null);
        const v = i.read();
        if (v !== undefined) parameters[i.p.name] = v;
      });
      button.disabled = true;
      const running = busy('Running ' + a.id + ' on ' + cohort.name);
      running.id = 'run-running';
      out.append(running);
      try {
        const r = await api('POST', '/cohorts/' + enc(cohort.id) + '/analyses/' + enc(a.id),
          { body: JSON.stringify({ parameters }), type: 'application/json' });
        announce('The analysis has finished');
        go('/results/' + enc(r.json.id));
      } catch (err) {
        running.stop();
        button.disabled = false;
        const named = err.status === 400 && err.problem && inputs.find(i => i.p.name === err.problem.parameter);
        if (named) {
          setFieldError(named.input, err.problem.detail);
          (named.focus || named.input).focus();
          out.append(notice('error', h('p', {}, 'The analysis did not run: parameter ' + named.p.name + ' \u2014 ' + err.problem.detail)));
        } else {
          out.append(problemNotice(err, 'The analysis did not run'));
        }
      }
    });
    root.append(form, out);
  }

  // ---------- result ----------

  /** The figure's SVG, parsed and stripped of anything active, ready to put into the page. */
  function safeSvg(text) {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const svg = doc.documentElement;
    if (!svg || svg.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) return null;
    svg.querySelectorAll('script, foreignObject, iframe, style').forEach(n => n.remove());
    svg.querySelectorAll('*').forEach(n => {
      [...n.attributes].forEach(at => {
        const name = at.name.toLowerCase();
        if (name.startsWith('on') || ((name === 'href' || name === 'xlink:href') && !at.value.startsWith('#'))) n.removeAttribute(at.name);
      });
    });
    return document.importNode(svg, true);
  }

  /** The curves' values at their landmarks: one row per group and landmark (km, dfs, os, margin-stratification). */
  function landmarkTable(km, caption) {
    const rows = [];
    (km.groups || []).forEach(g => (g.landmarks || []).forEach(l => rows.push(h('tr', { 'data-group': g.label, 'data-time': l.time },
      h('th', { scope: 'row' }, g.label), numCell(l.time), numCell(l.nRisk),
      h('td', { class: 'num survival' }, show(l.survival)), h('td', { class: 'num lower' }, show(l.lower)), h('td', { class: 'num upper' }, show(l.upper))))));
    if (!rows.length) return null;
    const level = km.confLevel ? Math.round(km.confLevel * 100) + ' %' : '';
    return table(caption, ['Group', 'Time (days)', 'At risk', 'Survival', 'Lower ' + level, 'Upper ' + level], rows, { class: 'landmarks' });
  }

  function medianTable(km) {
    const groups = km.groups || [];
    if (!groups.length || !groups.some(g => g.median)) return null;
    return table('Median survival (days)', ['Group', 'n', 'Events', 'Median', 'Lower', 'Upper'], groups.map(g => h('tr', {},
      h('th', { scope: 'row' }, g.label), numCell(g.n), numCell(g.events), numCell(g.median && g.median.estimate),
      numCell(g.median && g.median.lower), numCell(g.median && g.median.upper))));
  }

  /** Key values the trial's analyses share: landmark survival, medians, log-rank, hazard ratio. */
  function keyValues(analysis, r) {
    const out = [];
    const km = r.km && r.km.groups ? r.km : (r.groups ? r : null);
    if (km) {
      const endpoint = r.endpoint || (r.km && r.km.endpoint) || '';
      const caption = r.landmark !== undefined
        ? endpoint + ' at ' + r.landmark + ' days' + (r.landmark === 730 ? ' (2 years)' : r.landmark === 1095 ? ' (3 years)' : '') + ' by ' + (r.treatment || 'group')
        : 'Survival at the landmarks';
      out.push(landmarkTable(km, caption), medianTable(km));
    }
    const lr = r.logRank || r.logRankBetweenClasses;
    if (lr && lr.chiSquare !== undefined) {
      out.push(h('h3', {}, 'Log-rank test'), kv([['Chi-square', lr.chiSquare], ['Degrees of freedom', lr.df], ['p-value', lr.pValue]]));
    }
    if (r.hazardRatio && r.hazardRatio.hazardRatio !== undefined) {
      const hr = r.hazardRatio;
      out.push(h('h3', {}, 'Hazard ratio (Cox)'), kv([['Term', hr.term], ['Hazard ratio', hr.hazardRatio], ['95 % CI', show(hr.lower) + ' to ' + show(hr.upper)], ['p-value', hr.pValue]]));
    }
    return out.filter(x => x);
  }

  /** Every non-empty warnings list anywhere in the result, with where it was found. */
  function warnings(v, where, out) {
    if (Array.isArray(v)) v.forEach((x, i) => warnings(x, where, out));
    else if (v && typeof v === 'object') {
      Object.entries(v).forEach(([k, x]) => {
        if (k === 'warnings' && Array.isArray(x)) x.forEach(w => out.push((where ? where + ': ' : '') + show(w)));
        else warnings(x, where ? where + '.' + k : k, out);
      });
    }
    return out;
  }

  /** The whole result as the API sent it: values as a list, lists of records as tables (long ones folded). */
  function renderAll(v, depth) {
    if (v === null || typeof v !== 'object') return document.createTextNode(show(v));
    if (Array.isArray(v)) {
      if (!v.length) return document.createTextNode('none');
      if (v.every(x => x === null || typeof x !== 'object' || Array.isArray(x) && x.every(y => typeof y !== 'object'))) return document.createTextNode(show(v));
      if (v.every(x => x && typeof x === 'object' && !Array.isArray(x))) {
        const cols = [...new Set(v.flatMap(x => Object.keys(x)))].filter(c => c !== 'warnings' || v.some(x => x.warnings && x.warnings.length));
        const t = table(null, cols, v.map(x => h('tr', {}, cols.map(c => {
          const cell = x[c];
          return cell !== null && typeof cell === 'object' && !(Array.isArray(cell) && cell.every(y => typeof y !== 'object'))
            ? h('td', {}, renderAll(cell, depth + 1)) : numCell(cell);
        }))));
        return v.length > 12 ? h('details', {}, h('summary', {}, v.length + ' rows'), t) : t;
      }
      return h('ol', {}, v.map(x => h('li', {}, renderAll(x, depth + 1))));
    }
    const entries = Object.entries(v).filter(([k, x]) => k !== 'warnings' || (Array.isArray(x) && x.length));
    if (!entries.length) return document.createTextNode('\u2014');
    return h('dl', { class: 'kv' }, entries.map(([k, x]) => [h('dt', {}, k), h('dd', {}, renderAll(x, depth + 1))]));
  }

  async function resultPage(root, params, id) {
    const h1 = heading(root, 'Result');
    const wait = busy('Loading the result');
    root.append(wait);
    const res = await json('/results/' + enc(id));
    let analyses = [];
    let cohort = null;
    try { analyses = await json('/analyses'); } catch (e) { analyses = []; }
    try { cohort = await json('/cohorts/' + enc(res.cohort)); } catch (e) { cohort = null; }
    wait.stop();
    const a = analyses.find(x => x.id === res.analysis);
    h1.textContent = (a ? a.name : res.analysis);
    document.title = h1.textContent + ' \u2014 Hepatica';
    root.append(h('p', { class: 'sub' }, 'Result ', h('code', {}, res.id), ' of ', h('code', {}, res.analysis), ' on cohort ',
      cohort ? h('a', { href: '#/cohorts/' + enc(res.cohort) }, cohort.name + ' v' + cohort.version) : h('code', {}, res.cohort),
      ', run at ' + show(res.provenance && res.provenance.startedAt) + '.'));

    const figureBox = h('section', { 'aria-labelledby': 'figure-heading', id: 'figure' }, h('h2', { id: 'figure-heading' }, 'Figure'), busy('Drawing the figure'));
    const top = h('div', { class: 'result-top' }, figureBox);
    root.append(top);

    const ws = warnings(res.result, '', []);
    if (ws.length) root.append(notice('warn', h('p', {}, h('strong', {}, 'Warnings')), h('ul', { id: 'warnings' }, ws.map(w => h('li', {}, w)))));

    const keys = keyValues(res.analysis, res.result || {});
    if (keys.length) top.append(h('section', { id: 'key-values', 'aria-labelledby': 'key-heading' }, h('h2', { id: 'key-heading' }, 'Key values'), keys));

    const downloads = h('ul', { class: 'downloads', id: 'downloads' },
      h('li', {}, download('Result (JSON)', '/results/' + enc(id), 'result-' + id + '.json')),
      h('li', {}, download('Report (HTML)', '/results/' + enc(id) + '/report.html', 'report-' + id + '.html')));
    root.append(h('section', { 'aria-labelledby': 'downloads-heading' }, h('h2', { id: 'downloads-heading' }, 'Downloads'), downloads));

    const p = res.provenance || {};
    root.append(h('section', { id: 'provenance', 'aria-labelledby': 'prov-heading' }, h('h2', { id: 'prov-heading' }, 'Provenance'),
      kv([['Analysis', p.analysisId], ['Plugin bundle', h('code', {}, show(p.pluginBundle))], ['Plugin version', p.pluginVersion],
        ['Platform version', p.platformVersion], ['Cohort checksum (SHA-256)', h('code', {}, show(p.cohortChecksum))],
        ['Started at', p.startedAt], ['Duration (ms)', p.durationMs]]),
      table('Parameters of the run', ['Parameter', 'Value'], Object.entries(p.parameters || res.parameters || {}).map(([k, v]) =>
        h('tr', {}, h('th', { scope: 'row' }, k), numCell(v))), { id: 'parameters-table' })));

    root.append(h('section', { id: 'all-values', 'aria-labelledby': 'all-heading' }, h('h2', { id: 'all-heading' }, 'All values and tables'),
      renderAll(res.result, 0)));

    // the figure and the CSV table, each when the result has one
    api('GET', '/results/' + enc(id) + '/plot.svg').then(r => {
      const svg = safeSvg(r.text);
      const spinner = figureBox.querySelector('.running');
      if (spinner) spinner.remove();
      if (!svg) { figureBox.append(h('p', {}, 'The figure could not be read.')); return; }
      const desc = svg.querySelector('desc');
      const title = svg.querySelector('title');
      svg.setAttribute('role', 'img');
      if (!svg.getAttribute('aria-labelledby') && !svg.getAttribute('aria-label')) svg.setAttribute('aria-label', title ? title.textContent : 'Figure');
      figureBox.append(h('figure', { class: 'plot' }, svg, h('figcaption', { id: 'figure-caption' }, desc ? desc.textContent : (title ? title.textContent : ''))));
      downloads.prepend(h('li', {}, download('Figure (SVG)', '/results/' + enc(id) + '/plot.svg', 'figure-' + id + '.svg')));
    }).catch(err => {
      const spinner = figureBox.querySelector('.running');
      if (spinner) spinner.remove();
      figureBox.append(h('p', {}, err.status === 404 ? 'This analysis draws no figure.' : 'The figure could not be drawn: ' + err.message));
    });
    api('GET', '/results/' + enc(id) + '/table.csv').then(() => {
      downloads.append(h('li', {}, download('Table (CSV)', '/results/' + enc(id) + '/table.csv', 'table-' + id + '.csv')));
    }).catch(() => { /* no table for this analysis */ });
  }

  // ---------- administration ----------

  async function adminPage(root, params) {
    heading(root, 'Administration');
    const wait = busy('Loading the bundles');
    root.append(wait);
    let bundles;
    try {
      bundles = await json('/admin/bundles');
    } catch (err) {
      wait.stop();
      if (err.status === 403) {
        root.append(notice('error', h('p', { id: 'admin-only' }, h('strong', {}, 'Administrators only. '),
          'This page needs role admin; you are signed in as ' + session.user() + '.'), err.problem && err.problem.detail ? h('p', {}, err.problem.detail) : null));
        return;
      }
      throw err;
    }
    wait.stop();
    const bundleBox = h('div', { id: 'bundles' });
    root.append(h('h2', {}, 'Analysis bundles'), bundleBox, uploadForm(() => refresh()));
    const refresh = async () => showBundles(bundleBox, await json('/admin/bundles'), refresh);
    showBundles(bundleBox, bundles, refresh);
    root.append(await auditSection(params));
  }

  function showBundles(box, bundles, refresh) {
    const out = h('div', { 'aria-live': 'polite' });
    const op = (b, verb) => h('button', { type: 'button', class: 'secondary', 'aria-label': verb + ' ' + b.symbolicName + ' ' + b.version,
      onclick: async e => {
        e.target.disabled = true;
        out.replaceChildren(busy(verb + ' ' + b.symbolicName));
        try {
          await api('POST', '/admin/bundles/' + enc(b.symbolicName) + '/' + verb.toLowerCase() + '?version=' + enc(b.version));
          await refresh();
          announce(b.symbolicName + ': ' + verb.toLowerCase() + ' done');
        } catch (err) {
          out.replaceChildren(problemNotice(err, verb + ' ' + b.symbolicName));
          e.target.disabled = false;
        }
      } }, verb);
    box.replaceChildren(table(bundles.length + ' bundles (the platform\u2019s and those providing analyses)', ['Symbolic name', 'Version', 'State', 'Analyses', 'Actions'],
      bundles.map(b => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, b.symbolicName)), h('td', {}, b.version), h('td', { class: 'state' }, b.state),
        h('td', {}, (b.analyses || []).join(', ') || '\u2014'),
        h('td', {}, h('div', { class: 'actions' }, b.state === 'ACTIVE' ? op(b, 'Stop') : op(b, 'Start'), op(b, 'Update'))))), { id: 'bundles-table' }), out);
  }

  function uploadForm(onInstalled) {
    const file = h('input', { type: 'file', id: 'bundle-file', accept: '.jar,application/java-archive' });
    const button = h('button', { type: 'submit' }, 'Install');
    const out = h('div', { 'aria-live': 'polite' });
    const form = h('form', { class: 'stack', id: 'bundle-form', novalidate: true },
      field('Analysis bundle (jar)', file, 'A plugin bundle to install and start; the platform refuses a jar that is not a bundle or does not resolve.'), h('div', {}, button));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      out.replaceChildren();
      const f = file.files[0];
      setFieldError(file, f ? null : 'Choose a jar first.');
      if (!f) { file.focus(); return; }
      button.disabled = true;
      const bar = h('progress', { max: '100', value: '0', 'aria-label': 'Upload progress' });
      const label = h('span', {}, 'Uploading ' + f.name);
      out.append(h('div', { class: 'progress', role: 'status' }, bar, label));
      try {
        const r = await api('POST', '/admin/bundles', { body: f, type: 'application/java-archive',
          progress: (l, t) => { if (t) { bar.value = Math.floor(100 * l / t); label.textContent = 'Uploading ' + f.name + ': ' + bar.value + ' %'; } },
          uploaded: () => { bar.removeAttribute('value'); label.textContent = 'Uploaded; installing\u2026'; } });
        out.replaceChildren(notice('ok', h('p', {}, 'Installed ' + show(r.json && r.json.symbolicName) + ' ' + show(r.json && r.json.version) + '.')));
        onInstalled();
      } catch (err) {
        out.replaceChildren(problemNotice(err, 'The bundle was refused'));
      } finally {
        button.disabled = false;
      }
    });
    return h('section', { 'aria-labelledby': 'upload-heading' }, h('h3', { id: 'upload-heading' }, 'Install a bundle'), form, out);
  }

  async function auditSection(params) {
    const PAGE = Math.min(500, Math.max(1, parseInt(params.get('limit') || '25', 10) || 25));
    const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
    const user = params.get('user') || '';
    const action = params.get('action') || '';
    const q = '&user=' + enc(user) + '&action=' + enc(action);
    const entries = await json('/audit?limit=' + (PAGE + 1) + '&offset=' + offset + q);
    const more = entries.length > PAGE;
    const shown = entries.slice(0, PAGE);
    const userIn = h('input', { type: 'text', id: 'audit-user', value: user });
    const actionIn = h('input', { type: 'text', id: 'audit-action', value: action });
    const filter = h('form', { class: 'inline-form', id: 'audit-filter' }, field('User', userIn), field('Action (prefix, e.g. login.)', actionIn),
      h('div', {}, h('button', { type: 'submit' }, 'Filter')));
    filter.addEventListener('submit', e => {
      e.preventDefault();
      go('/admin?offset=0&limit=' + PAGE + '&user=' + enc(userIn.value.trim()) + '&action=' + enc(actionIn.value.trim()));
    });
    const link = (o, text) => h('a', { href: '#/admin?offset=' + o + '&limit=' + PAGE + '&user=' + enc(user) + '&action=' + enc(action) }, text);
    return h('section', { id: 'audit', 'aria-labelledby': 'audit-heading' }, h('h2', { id: 'audit-heading' }, 'Audit trail'),
      h('p', { class: 'hint' }, 'Oldest first, ' + PAGE + ' entries a page.'), filter,
      table('Entries ' + (shown.length ? (offset + 1) + '\u2013' + (offset + shown.length) : 'none'), ['#', 'At', 'User', 'Action', 'Target', 'Detail'],
        shown.map(e => h('tr', {}, numCell(e.seq), h('td', {}, e.at), h('td', {}, e.user), h('td', {}, e.action), h('td', {}, h('code', {}, show(e.target))), h('td', {}, show(e.detail)))),
        { id: 'audit-table' }),
      h('nav', { class: 'pager', 'aria-label': 'Audit pages' }, offset > 0 ? link(Math.max(0, offset - PAGE), 'Previous page') : null,
        h('span', {}, 'Page ' + (Math.floor(offset / PAGE) + 1)), more ? link(offset + PAGE, 'Next page') : null,
        download('Audit trail (CSV)', '/audit.csv?user=' + enc(user) + '&action=' + enc(action), 'audit.csv')));
  }

  // ---------- start ----------

  document.getElementById('skip').addEventListener('click', e => {
    e.preventDefault();
    main.focus();
  });
  window.addEventListener('hashchange', () => { navigated = true; route(); });
  route();
})();
