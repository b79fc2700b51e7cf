// HealthGate operator dashboard: reads the gate's read-only JSON views and renders them. Every string from the
// API reaches the DOM through textContent or setAttribute, never as HTML. No build step, no library.
'use strict';

(() => {
  const POLL_WHILE_LIVE_MS = 10000; // a safety net: events normally trigger the refresh
  const POLL_FALLBACK_MS = 3000; // when the event stream is down: one small request (/events/version) per period
  const FULL_REFRESH_MS = 60000; // without the stream, everything is re-read at least this often
  const FETCH_TIMEOUT_MS = 4000; // a hung gate must turn the page stale, not freeze it
  const PREFLIGHT_TIMEOUT_MS = 60000;
  const STRIP_LENGTH = 30;
  const EVENT_DEBOUNCE_MS = 250;

  const STATUS_RANK = { Unhealthy: 0, Degraded: 1, Unknown: 2, Healthy: 3 };
  const STATUS_MARK = { Healthy: '\u2714', Degraded: '\u25B2', Unhealthy: '\u2716', Unknown: '?' };
  const TIER_RANK = { P0: 0, P1: 1, P2: 2 };
  const BLOCKING_TIERS = new Set(['P0', 'P1']); // an Unhealthy check of these tiers is a NO-GO (DESIGN, verdict rules 1 and 2)
  const SHOWN_FAILURES = 3;
  const OVERRIDES_LIMIT = 50; // overrides live minutes (the approval window), so the open ones are among the newest
  const OPEN_STATES = new Set(['pending', 'approved']);
  const OPLOG_PAGE = 100;
  const OPLOG_NEWER_LIMIT = 500; // the API's largest page
  const HASH_SHOWN = 12;

  const state = {
    live: false,
    lastOk: null,
    failing: false,
    refreshing: false,
    pending: false,
    pollTimer: 0,
    debounceTimer: 0,
    version: null,
    lastFullRefresh: 0,
    banners: {},
    checks: [],
  };

  // The operational log as far as the page holds it, newest first: the head page, what arrived since, and any older
  // pages asked for. The kind filter is the server's, so a new kind starts over (a new generation drops late answers).
  const oplog = {
    entries: [],
    loaded: false,
    more: false,
    kind: '',
    generation: 0,
    keep: OPLOG_PAGE,
    note: '',
  };

  const $ = (id) => document.getElementById(id);

  /** Builds an element; children that are strings become text nodes, so nothing is ever parsed as HTML. */
  function el(tag, options, ...children) {
    const node = document.createElement(tag);
    const opts = options || {};
    if (opts.text !== undefined && opts.text !== null) node.textContent = String(opts.text);
    if (opts.cls) node.className = opts.cls;
    for (const [name, value] of Object.entries(opts.attrs || {})) {
      if (value !== undefined && value !== null) node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child !== undefined && child !== null) node.append(child);
    }
    return node;
  }

  function cell(label, ...children) {
    return el('td', { attrs: { 'data-label': label } }, ...children);
  }

  /** Every time on the page is UTC, written out as such: a desk spans time zones, its logs and runs are in UTC. */
  function timeText(iso) {
    if (!iso) return '–';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  }

  function timeNode(iso) {
    return iso ? el('time', { text: timeText(iso), attrs: { datetime: iso } }) : '–';
  }

  /** "12 s ago", kept current by the clock tick through data-age-of. */
  function ageNode(iso) {
    return el('span', { cls: 'age', text: `${ageText(Date.now() - Date.parse(iso))} ago`, attrs: { 'data-age-of': iso } });
  }

  function ageText(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    if (seconds < 90) return `${seconds} s`;
    const minutes = Math.round(seconds / 60);
    if (minutes < 90) return `${minutes} min`;
    const hours = Math.round(minutes / 60);
    return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} d`;
  }

  function msText(ms) {
    if (ms === null || ms === undefined) return '–';
    return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
  }

  /** GO / WARN / NO-GO of a verdict token, as the launcher reads it. */
  function goLabel(verdict) {
    if (verdict === 'PASS') return { label: 'GO', state: 'go' };
    if (verdict === 'P2_WARN') return { label: 'WARN', state: 'warn' };
    return { label: 'NO-GO', state: 'nogo' };
  }

  /** Where a result came from: "readiness", or "preflight (live)". */
  function sourceText(source, mode) {
    if (!source) return '';
    return mode ? `${source} (${mode})` : source;
  }

  /** A failing check of a mode, as its card names it. */
  function failure(name, tier, status, reason, source, mode, at) {
    return { name, tier, status, reason, source, mode, at };
  }

  function checkFailure(check) {
    return failure(check.name, check.tier, check.status, check.reason, check.source, check.mode, check.updatedAt);
  }

  function runFailures(run) {
    return (run.checks || [])
      .filter((c) => c.status === 'Unhealthy' && BLOCKING_TIERS.has(c.tier))
      .map((c) => failure(c.name, c.tier, c.status, c.reason, 'preflight', run.mode, run.startedAt));
  }

  /**
   * May this mode trade now? Read from the freshest evidence: every check the mode runs at its latest result,
   * whichever kind of run gave it (readiness or preflight), and the mode's latest preflight. A P0 or P1 check
   * Unhealthy now is NO-GO whatever an older verdict said, and failing evidence does not expire; a GO needs the
   * mode's latest preflight to be an unexpired PASS with nothing newer against it; an expired verdict is no verdict.
   */
  function standing(mode, checks, run, now) {
    const own = checks.filter((c) => Array.isArray(c.modes) && c.modes.includes(mode));
    const failing = own.filter((c) => c.status === 'Unhealthy' && BLOCKING_TIERS.has(c.tier)).map(checkFailure);
    if (failing.length > 0) return { label: 'NO-GO', state: 'nogo', failing };
    if (!run) return { label: 'NO RUN YET', state: 'none', failing: [] };
    if (!(Date.parse(run.expiresAt) > now)) return { label: 'EXPIRED', state: 'expired', failing: [] };
    if (run.verdict === 'PASS' || run.verdict === 'P2_WARN') {
      const warnings = own.filter((c) => c.status === 'Unhealthy' || c.status === 'Degraded').map(checkFailure);
      if (run.verdict === 'PASS' && warnings.length === 0) return { label: 'GO', state: 'go', failing: [] };
      return { label: 'WARN', state: 'warn', failing: warnings };
    }
    // P0_FAIL, P1_FAIL, or a token this page does not know: never a GO.
    return { label: 'NO-GO', state: 'nogo', failing: runFailures(run) };
  }

  /** One line per failing check: what failed, and where and when that was seen. */
  function failureItem(item) {
    const seen = [sourceText(item.source, item.mode), item.at ? ageNode(item.at) : null, item.at ? timeNode(item.at) : null]
      .filter((part) => part !== null && part !== '');
    const where = [];
    seen.forEach((part, index) => {
      if (index > 0) where.push(', ');
      where.push(part);
    });
    return el('li', { attrs: { 'data-failing-check': item.name } },
      el('strong', { text: item.name }),
      ` (${item.tier}) ${item.status}${item.reason ? `: ${item.reason}` : ''}`,
      where.length > 0 ? el('span', { cls: 'seen' }, ' \u2014 ', ...where) : null);
  }

  function reasonFor(verdict, run, now) {
    if (verdict.state === 'nogo' && verdict.failing.length > 0) return 'Failing now:';
    if (verdict.state === 'nogo') return `The last preflight was ${run.verdict}.`;
    if (verdict.state === 'warn') return verdict.failing.length > 0 ? 'Warnings now:' : `The last preflight was ${run.verdict}.`;
    if (verdict.state === 'none') return 'No preflight of this mode has run: no verdict.';
    const expires = run ? timeText(run.expiresAt) : '–';
    if (verdict.state === 'expired') return `The last verdict (${run.verdict}) expired ${ageText(now - Date.parse(run.expiresAt))} ago, at ${expires}: no verdict now. Run a preflight.`;
    return `PASS valid until ${expires}, nothing failing since.`;
  }

  async function getJson(path, timeoutMs = FETCH_TIMEOUT_MS, okStatuses = [200]) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store', signal: controller.signal });
      if (!okStatuses.includes(response.status)) throw new Error(`${path} answered ${response.status}`);
      return await response.json();
    } catch (error) {
      if (error.name === 'AbortError') throw new Error(`${path} did not answer within ${timeoutMs / 1000} s`);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- rendering -------------------------------------------------------------------------------------------

  function renderBanner(mode, run) {
    state.banners[mode] = run;
    const banner = $(`banner-${mode}`);
    const now = Date.now();
    const verdict = standing(mode, state.checks, run, now);
    banner.dataset.state = verdict.state;
    const field = (name) => banner.querySelector(`[data-field="${name}"]`);
    banner.querySelector('.banner-verdict').textContent = verdict.label;
    banner.querySelector('.banner-reason').textContent = reasonFor(verdict, run, now);
    const shown = verdict.failing.slice(0, SHOWN_FAILURES).map(failureItem);
    if (verdict.failing.length > SHOWN_FAILURES) shown.push(el('li', { text: `and ${verdict.failing.length - SHOWN_FAILURES} more (see the checks below)` }));
    banner.querySelector('.banner-failing').replaceChildren(...shown);
    if (!run) {
      for (const name of ['verdict', 'exitCode', 'runId', 'age', 'expiresAt']) field(name).textContent = '–';
      return;
    }
    const expired = !(Date.parse(run.expiresAt) > now);
    field('verdict').textContent = expired ? `${run.verdict} (expired)` : run.verdict;
    field('exitCode').textContent = String(run.exitCode);
    field('runId').replaceChildren(el('a', { text: run.runId, attrs: { href: reportHref(run.runId), 'data-focus-key': `banner:${mode}` } }));
    field('age').textContent = `${ageText(now - Date.parse(run.startedAt))} ago`;
    field('expiresAt').replaceChildren(timeNode(run.expiresAt));
  }

  function reportHref(runId) {
    return `/preflight/runs/${encodeURIComponent(runId)}/report.md`;
  }

  function statusBadge(status) {
    const known = Object.hasOwn(STATUS_MARK, status) ? status : 'Unknown';
    return el('span', { cls: 'badge', attrs: { 'data-status': known } },
      el('span', { cls: 'mark', text: STATUS_MARK[known], attrs: { 'aria-hidden': 'true' } }),
      ` ${status}`);
  }

  function historyLabel(entry) {
    return `${entry.status} at ${timeText(entry.at)} (${sourceText(entry.source, entry.mode)}, ${msText(entry.durationMs)}): ${entry.description}`;
  }

  /** When the row's result was taken and by which kind of run: the age of the evidence is part of the evidence. */
  function updatedCell(check) {
    if (!check.updatedAt) return cell('Last result', 'not run yet');
    return cell('Last result',
      ageNode(check.updatedAt),
      el('span', { cls: 'source', text: sourceText(check.source, check.mode), attrs: { 'data-source': check.source } }),
      timeNode(check.updatedAt));
  }

  function historyStrip(check, history) {
    const list = el('ol', { cls: 'strip', attrs: { 'aria-label': `Last ${history.length} results of ${check.name}, oldest first`, 'aria-describedby': 'history-hint' } });
    const oldestFirst = [...history].reverse();
    oldestFirst.forEach((entry, index) => {
      const label = `${check.name}: ${historyLabel(entry)}`;
      const item = el('span', {
        cls: 'strip-cell',
        attrs: {
          role: 'img',
          tabindex: index === oldestFirst.length - 1 ? '0' : '-1',
          'data-status': entry.status,
          'aria-label': label,
          title: label,
          'data-focus-key': `cell:${check.name}:${entry.at}`,
        },
      });
      list.append(el('li', null, item));
    });
    if (history.length === 0) list.append(el('li', { cls: 'strip-empty', text: 'no results yet' }));
    return list;
  }

  function uptimeText(check) {
    if (check.uptime24h === null || check.uptime24h === undefined) return '–';
    return `${(check.uptime24h * 100).toFixed(1)} % of ${check.results24h}`;
  }

  function isBlocked(check) {
    return Array.isArray(check.blockedBy) && check.blockedBy.length > 0;
  }

  /** A person silenced this check's notifications: who, until when and why. The status stays the check's own. */
  function acknowledgedNote(check) {
    if (!check.acknowledgedUntil || !(Date.parse(check.acknowledgedUntil) > Date.now())) return null;
    const by = actorText(check.acknowledgedBy);
    return el('span', {
      cls: 'acknowledged',
      text: `acknowledged by ${by} until ${timeText(check.acknowledgedUntil)}: ${check.acknowledgedReason ?? ''}`,
      attrs: { 'data-acknowledged-until': check.acknowledgedUntil, title: 'Notifications are silenced; the verdict is not changed' },
    });
  }

  function renderChecks(checks, histories) {
    // Worst status first; within it the root causes before the checks they block, then by tier and name.
    const rows = checks
      .map((check, i) => ({ check, history: histories[i] }))
      .sort((a, b) => (STATUS_RANK[a.check.status] ?? 2) - (STATUS_RANK[b.check.status] ?? 2)
        || Number(isBlocked(a.check)) - Number(isBlocked(b.check))
        || (TIER_RANK[a.check.tier] ?? 9) - (TIER_RANK[b.check.tier] ?? 9)
        || a.check.name.localeCompare(b.check.name))
      .map(({ check, history }) => {
        const status = cell('Status', statusBadge(check.status));
        if (isBlocked(check)) {
          status.append(el('span', { cls: 'blocked', text: `blocked by ${check.blockedBy.join(', ')}` }));
        }
        const acknowledged = acknowledgedNote(check);
        if (acknowledged) status.append(acknowledged);
        return el('tr', { attrs: { 'data-check': check.name, 'data-status': check.status, 'data-blocked-by': isBlocked(check) ? check.blockedBy.join(' ') : null } },
          el('th', { text: check.name, attrs: { scope: 'row', 'data-label': 'Check' } }),
          cell('Tier', check.tier),
          cell('Type', check.type),
          status,
          cell('Reason', check.reason ? el('code', { text: check.reason }) : '–'),
          cell('Description', el('span', { cls: 'description', text: check.description ?? 'not run yet' })),
          cell('Duration', msText(check.durationMs)),
          updatedCell(check),
          cell('History', historyStrip(check, history)),
          cell('Uptime 24 h', uptimeText(check)));
      });
    if (rows.length === 0) rows.push(emptyRow(10, 'No check is configured.'));
    $('checks').tBodies[0].replaceChildren(...rows);
  }

  function emptyRow(columns, text) {
    return el('tr', { cls: 'empty' }, el('td', { text, attrs: { colspan: columns } }));
  }

  function renderRuns(runs) {
    const now = Date.now();
    const rows = runs.map((run) => {
      // A past GO is listed as what it is now: expired, never GO.
      const verdict = goLabel(run.verdict).state === 'go' && !(Date.parse(run.expiresAt) > now) ? { label: 'EXPIRED', state: 'expired' } : goLabel(run.verdict);
      return el('tr', { attrs: { 'data-run-id': run.runId } },
        cell('Started', timeNode(run.startedAt)),
        cell('Mode', run.mode),
        cell('Verdict', el('span', { cls: 'verdict-badge', text: `${verdict.label} ${run.verdict}`, attrs: { 'data-state': verdict.state } })),
        cell('Exit code', String(run.exitCode)),
        cell('Duration', msText(run.durationMs)),
        cell('Report', el('a', {
          text: 'report.md',
          attrs: { href: reportHref(run.runId), 'aria-label': `Report of ${run.mode} run ${run.runId} (${ageText(now - Date.parse(run.startedAt))} ago)`, 'data-focus-key': `report:${run.runId}` },
        })));
    });
    if (rows.length === 0) rows.push(emptyRow(6, 'No preflight has run yet.'));
    $('runs').tBodies[0].replaceChildren(...rows);
  }

  /** "Jane Smith (jane)"; a service key by its name; "gate" for what the gate did itself. */
  function actorText(actor) {
    if (!actor) return 'gate';
    const who = actor.name && actor.name !== actor.id ? `${actor.name} (${actor.id})` : String(actor.id);
    return actor.kind === 'service' ? `${who}, service key` : who;
  }

  /** "in 28 min" or "expired 3 s ago", kept current by the clock tick through data-until. */
  function untilText(iso, now) {
    const left = Date.parse(iso) - now;
    return left > 0 ? `in ${ageText(left)}` : `expired ${ageText(-left)} ago`;
  }

  function untilNode(iso) {
    return el('span', { cls: 'until', text: untilText(iso, Date.now()), attrs: { 'data-until': iso } });
  }

  const OVERRIDE_STATE_LABEL = {
    pending: 'PENDING',
    approved: 'APPROVED: ready to use',
    used: 'USED',
    rejected: 'REJECTED',
    expired: 'EXPIRED',
  };

  function stateBadge(stateName) {
    return el('span', { cls: 'state-badge', text: OVERRIDE_STATE_LABEL[stateName] ?? String(stateName), attrs: { 'data-state': stateName } });
  }

  /** Each role the policy needs: filled (by whom, when, with their comment) or awaited. */
  function roleItems(item) {
    return (item.required || []).map((role) => {
      const approval = (item.approvals || []).find((a) => a.role === role && a.decision === 'approve');
      if (!approval) {
        return el('li', { cls: 'role', attrs: { 'data-role': role, 'data-filled': 'false' } },
          el('span', { cls: 'mark', text: '\u25CB', attrs: { 'aria-hidden': 'true' } }),
          el('strong', { text: role }),
          ': awaited');
      }
      return el('li', { cls: 'role', attrs: { 'data-role': role, 'data-filled': 'true' } },
        el('span', { cls: 'mark', text: '\u2714', attrs: { 'aria-hidden': 'true' } }),
        el('strong', { text: role }),
        `: approved by ${actorText(approval.person)}, `,
        timeNode(approval.at),
        approval.comment ? el('span', { cls: 'comment', text: ` \u2014 \u201C${approval.comment}\u201D` }) : null);
    });
  }

  function fact(label, ...value) {
    return el('div', null, el('dt', { text: label }), el('dd', null, ...value));
  }

  function pendingCard(item) {
    const title = `override-${item.id}-title`;
    const awaiting = item.awaiting || [];
    const summary = item.state === 'pending'
      ? `PENDING: awaiting ${awaiting.length > 0 ? awaiting.join(', ') : 'nothing'}`
      : OVERRIDE_STATE_LABEL[item.state] ?? item.state;
    return el('article', { cls: 'override-card', attrs: { 'data-override-id': item.id, 'data-state': item.state, 'aria-labelledby': title } },
      el('h3', { text: `#${item.id} ${item.kind} \u00B7 ${item.mode}`, attrs: { id: title } }),
      el('p', { cls: 'override-state', text: summary }),
      el('ul', { cls: 'roles', attrs: { 'aria-label': `Approvals override ${item.id} needs` } }, ...roleItems(item)),
      el('dl', { cls: 'override-facts' },
        fact('Run', item.runId ? el('a', { text: item.runId, attrs: { href: reportHref(item.runId), 'data-focus-key': `override-run:${item.id}` } }) : 'none (bound to the configuration)'),
        fact('Requested by', el('span', { attrs: { 'data-field': 'requestedBy' }, text: actorText(item.requestedBy) })),
        fact('Requested', timeNode(item.requestedAt), ' (', ageNode(item.requestedAt), ')'),
        fact('Expires', timeNode(item.expiresAt), ' (', untilNode(item.expiresAt), ')'),
        fact('Reason', el('span', { attrs: { 'data-field': 'reason' }, text: item.reason ?? '\u2013' })),
        fact('Ticket', item.ticket ?? '\u2013'),
        fact('Impact', item.impact ?? '\u2013'),
        fact('Mitigation', item.mitigation ?? '\u2013')));
  }

  function renderPending(page) {
    const open = page.items.filter((item) => OPEN_STATES.has(item.state));
    const cards = open.map(pendingCard);
    if (cards.length === 0) cards.push(el('p', { cls: 'empty', text: 'No override is pending or waiting to be used.' }));
    $('pending').replaceChildren(...cards);
    // Older overrides than this page could still be open only while the oldest shown has not expired.
    const oldest = page.items[page.items.length - 1];
    const more = $('pending-more');
    more.hidden = !(page.next && oldest && Date.parse(oldest.expiresAt) > Date.now());
    more.textContent = more.hidden ? '' : `Only the newest ${page.items.length} overrides are read; older ones may still be open (GET /overrides?state=pending).`;
  }

  function decisionsText(item) {
    const decisions = (item.approvals || []).map((a) => `${actorText(a.person)}: ${a.decision}${a.role ? ` (${a.role})` : ''}`);
    return decisions.length > 0 ? decisions.join('; ') : '\u2013';
  }

  function renderOverrides(page) {
    const rows = page.items.map((item) => el('tr', { attrs: { 'data-override-id': item.id, 'data-state': item.state } },
      cell('Override', `#${item.id}`),
      cell('Requested', timeNode(item.requestedAt)),
      cell('Kind', item.kind),
      cell('Mode', item.mode),
      cell('State', stateBadge(item.state)),
      cell('Requested by', actorText(item.requestedBy)),
      cell('Decisions', decisionsText(item)),
      cell('Ticket', item.ticket ?? '\u2013'),
      cell('Reason', item.reason ?? '\u2013')));
    if (rows.length === 0) rows.push(emptyRow(9, 'No override has been requested.'));
    $('overrides').tBodies[0].replaceChildren(...rows);
  }

  // ---- operational log -------------------------------------------------------------------------------------

  function oplogUrl(params) {
    const query = new URLSearchParams(params);
    if (oplog.kind) query.set('kind', oplog.kind);
    return `/oplog?${query}`;
  }

  /**
   * One request per refresh: the newest page on first load, else what was appended after the newest entry held
   * (in chain order). Resolves to a function that applies the answer, unless the kind changed meanwhile.
   */
  async function fetchOplog() {
    const generation = oplog.generation;
    const apply = (change) => () => {
      if (generation === oplog.generation) change();
    };
    if (!oplog.loaded || oplog.entries.length === 0) {
      const head = await getJson(oplogUrl({ order: 'desc', limit: OPLOG_PAGE }));
      return apply(() => takeHead(head));
    }
    const newer = await getJson(oplogUrl({ after: oplog.entries[0].seq, limit: OPLOG_NEWER_LIMIT }));
    if (newer.next) {
      // More arrived than one page holds: start again from the head rather than leave a gap.
      const head = await getJson(oplogUrl({ order: 'desc', limit: OPLOG_PAGE }));
      return apply(() => takeHead(head));
    }
    return apply(() => takeNewer(newer.items));
  }

  function takeHead(page) {
    oplog.entries = page.items;
    oplog.more = Boolean(page.next);
    oplog.loaded = true;
    oplog.keep = OPLOG_PAGE;
    oplog.note = '';
  }

  function takeNewer(ascending) {
    const newest = oplog.entries.length > 0 ? oplog.entries[0].seq : 0;
    const fresh = ascending.filter((entry) => entry.seq > newest).reverse();
    oplog.entries = [...fresh, ...oplog.entries];
    // The page keeps the latest entries it was asked for; anything beyond is one "older" away again.
    if (oplog.entries.length > oplog.keep) {
      oplog.entries = oplog.entries.slice(0, oplog.keep);
      oplog.more = true;
    }
  }

  async function loadOlder() {
    const button = $('oplog-older');
    const oldest = oplog.entries[oplog.entries.length - 1];
    if (!oldest || button.getAttribute('aria-disabled') === 'true') return;
    const generation = oplog.generation;
    button.setAttribute('aria-disabled', 'true');
    try {
      const page = await getJson(oplogUrl({ order: 'desc', after: oldest.seq, limit: OPLOG_PAGE }));
      if (generation !== oplog.generation) return;
      const last = oplog.entries[oplog.entries.length - 1].seq;
      oplog.entries = [...oplog.entries, ...page.items.filter((entry) => entry.seq < last)];
      oplog.more = Boolean(page.next);
      oplog.keep = Math.max(oplog.keep, oplog.entries.length);
      oplog.note = '';
    } catch (error) {
      oplog.note = ` Older entries could not be read: ${error.message}.`;
    } finally {
      button.removeAttribute('aria-disabled');
      renderOplog();
    }
  }

  async function changeKind() {
    oplog.generation += 1;
    oplog.kind = $('oplog-kind').value;
    oplog.entries = [];
    oplog.loaded = false;
    oplog.more = false;
    oplog.note = '';
    renderOplog();
    try {
      (await fetchOplog())();
    } catch (error) {
      oplog.note = `The operational log could not be read: ${error.message}.`;
    }
    renderOplog();
  }

  function shortHash(hash) {
    if (!hash) return '\u2013';
    return el('code', { cls: 'hash', text: hash.slice(0, HASH_SHOWN), attrs: { title: hash, 'aria-label': `hash ${hash}` } });
  }

  function eventCell(entry) {
    const parts = [el('span', { cls: 'kind', text: entry.kind })];
    if (entry.overrideId !== null && entry.overrideId !== undefined) {
      parts.push(el('span', { cls: 'detail', text: `${entry.overrideKind ?? 'override'} #${entry.overrideId}` }));
    }
    if (entry.verdict) {
      const failures = (entry.failures || []).map((f) => `${f.check} (${f.tier}, ${f.reason})`).join(', ');
      parts.push(el('span', { cls: 'detail', text: `${entry.verdict}${entry.exitCode !== null && entry.exitCode !== undefined ? `, exit ${entry.exitCode}` : ''}${failures ? `: ${failures}` : ''}` }));
    }
    return cell('Event', ...spaced(parts));
  }

  /** Parts shown as lines still read as words apart, to screen readers and in copied text. */
  function spaced(parts) {
    return parts.flatMap((part, index) => (index > 0 ? [' ', part] : [part]));
  }

  function decisionText(entry) {
    if (!entry.decision && !entry.role) return '\u2013';
    return [entry.decision, entry.role].filter(Boolean).join(' \u00B7 ');
  }

  function reasonCell(entry) {
    const parts = [];
    if (entry.reason) parts.push(el('span', { cls: 'reason', text: entry.reason }));
    if (entry.comment) parts.push(el('span', { cls: 'comment', text: `comment: ${entry.comment}` }));
    if (entry.ticket) parts.push(el('span', { cls: 'detail', text: `ticket ${entry.ticket}` }));
    return cell('Reason / comment', ...(parts.length > 0 ? spaced(parts) : ['\u2013']));
  }

  /** Mode and the text filter narrow what is held, in the browser; the kind filter was the server's. */
  function oplogMatches(entry, mode, text) {
    if (mode && entry.mode !== mode) return false;
    if (!text) return true;
    const haystack = [entry.runId, entry.who ? entry.who.id : null, entry.who ? entry.who.name : null]
      .filter(Boolean).join('\n').toLowerCase();
    return haystack.includes(text);
  }

  function renderModeOptions() {
    const select = $('oplog-mode');
    const chosen = select.value;
    const modes = new Set(oplog.entries.map((entry) => entry.mode).filter(Boolean));
    if (chosen) modes.add(chosen);
    const wanted = ['', ...[...modes].sort()];
    const have = [...select.options].map((option) => option.value);
    if (wanted.join('\n') === have.join('\n')) return;
    select.replaceChildren(...wanted.map((mode) => el('option', { text: mode || 'all modes', attrs: { value: mode } })));
    select.value = chosen;
  }

  function renderOplog() {
    renderModeOptions();
    const mode = $('oplog-mode').value;
    const text = $('oplog-text').value.trim().toLowerCase();
    const shown = oplog.entries.filter((entry) => oplogMatches(entry, mode, text));
    const rows = shown.map((entry) => el('tr', { attrs: { 'data-seq': entry.seq, 'data-kind': entry.kind } },
      cell('Seq', String(entry.seq)),
      cell('Time', timeNode(entry.at)),
      eventCell(entry),
      cell('Mode', entry.mode),
      cell('Run', entry.runId ? el('code', { text: entry.runId }) : '\u2013'),
      cell('Who', el('span', { text: actorText(entry.who), attrs: { 'data-who': entry.who ? entry.who.id : 'gate' } })),
      cell('Decision / role', decisionText(entry)),
      reasonCell(entry),
      cell('Hash', shortHash(entry.hash))));
    if (rows.length === 0) {
      const empty = !oplog.loaded ? 'Loading the operational log\u2026'
        : oplog.entries.length === 0 ? 'The operational log has no entry of this kind.' : 'No entry held matches the filters.';
      rows.push(emptyRow(9, empty));
    }
    $('oplog').tBodies[0].replaceChildren(...rows);
    const held = oplog.more ? `the latest ${oplog.entries.length}` : `all ${oplog.entries.length}`;
    $('oplog-count').textContent = oplog.loaded
      ? `${shown.length} shown of ${held} entries${oplog.kind ? ` of kind ${oplog.kind}` : ''}.${oplog.note}`
      : oplog.note.trim();
    $('oplog-older').hidden = !(oplog.loaded && oplog.more);
  }

  /** Re-rendering replaces rows; the element that had focus is found again by its key so keyboard users keep their place. */
  function keepingFocus(render) {
    const active = document.activeElement;
    const key = active && active.getAttribute ? active.getAttribute('data-focus-key') : null;
    const strip = active && active.closest ? active.closest('tr[data-check]') : null;
    const checkName = strip ? strip.getAttribute('data-check') : null;
    render();
    if (!key) return;
    let target = [...document.querySelectorAll('[data-focus-key]')].find((node) => node.getAttribute('data-focus-key') === key);
    if (!target && checkName) {
      const row = [...document.querySelectorAll('tr[data-check]')].find((node) => node.getAttribute('data-check') === checkName);
      target = row ? row.querySelector('.strip-cell[tabindex="0"]') : null;
    }
    if (target) {
      focusCell(target);
    }
  }

  function focusCell(target) {
    const list = target.closest('.strip');
    if (list) {
      for (const other of list.querySelectorAll('.strip-cell')) other.setAttribute('tabindex', other === target ? '0' : '-1');
    }
    target.focus({ preventScroll: true });
  }

  // ---- freshness -------------------------------------------------------------------------------------------

  function setConnection() {
    const node = $('connection');
    if (state.failing) {
      node.dataset.state = 'down';
      node.textContent = 'Gate unreachable';
    } else if (state.live) {
      node.dataset.state = 'live';
      node.textContent = 'Live: updates as they happen';
    } else {
      node.dataset.state = 'polling';
      node.textContent = `Polling every ${POLL_FALLBACK_MS / 1000} s`;
    }
  }

  function markFresh() {
    state.lastOk = Date.now();
    state.lastFullRefresh = state.lastOk;
    state.failing = false;
    document.body.removeAttribute('data-stale');
    $('stale').hidden = true;
    setConnection();
  }

  function markStale(error) {
    state.failing = true;
    document.body.setAttribute('data-stale', 'true');
    updateStaleText(error);
    $('stale').hidden = false;
    setConnection();
  }

  function updateStaleText(error) {
    const node = $('stale');
    const since = state.lastOk === null
      ? 'no data received yet'
      : `stale since ${timeText(new Date(state.lastOk).toISOString())} (${ageText(Date.now() - state.lastOk)} ago)`;
    const cause = error ? ` ${error.message}.` : (node.dataset.cause || '');
    if (error) node.dataset.cause = cause;
    node.textContent = `Service unreachable: the data below is ${since}.${cause}`;
  }

  function tick() {
    for (const mode of Object.keys(state.banners)) renderBanner(mode, state.banners[mode]);
    const now = Date.now();
    for (const node of document.querySelectorAll('main [data-age-of]')) {
      node.textContent = `${ageText(now - Date.parse(node.getAttribute('data-age-of')))} ago`;
    }
    for (const node of document.querySelectorAll('main [data-until]')) {
      node.textContent = untilText(node.getAttribute('data-until'), now);
    }
    if (state.failing) updateStaleText(null);
  }

  // ---- loading ---------------------------------------------------------------------------------------------

  async function refresh() {
    if (state.refreshing) {
      state.pending = true;
      return;
    }
    state.refreshing = true;
    try {
      const [checks, paper, live, runs, overrides, applyOplog] = await Promise.all([
        getJson('/checks'),
        getJson('/preflight/runs?mode=paper&limit=1'),
        getJson('/preflight/runs?mode=live&limit=1'),
        getJson('/preflight/runs?limit=10'),
        getJson(`/overrides?limit=${OVERRIDES_LIMIT}`),
        fetchOplog(),
      ]);
      const histories = await Promise.all(checks.map((c) => getJson(`/checks/${encodeURIComponent(c.name)}/history?limit=${STRIP_LENGTH}`)));
      keepingFocus(() => {
        state.checks = checks;
        renderBanner('paper', paper[0] ?? null);
        renderBanner('live', live[0] ?? null);
        renderChecks(checks, histories);
        renderRuns(runs);
        renderPending(overrides);
        renderOverrides(overrides);
        applyOplog();
        renderOplog();
      });
      markFresh();
    } catch (error) {
      markStale(error);
    } finally {
      state.refreshing = false;
      if (state.pending) {
        state.pending = false;
        refresh();
      }
    }
  }

  function schedulePoll() {
    clearTimeout(state.pollTimer);
    state.pollTimer = setTimeout(async () => {
      if (state.live || state.failing) await refresh();
      else await lightPoll();
      schedulePoll();
    }, state.live && !state.failing ? POLL_WHILE_LIVE_MS : POLL_FALLBACK_MS);
  }

  // Without the stream (refused over the gate's bound, or not supported), a period costs one small request: the
  // whole page is read again only when the gate published something since, or once a minute as a safety net.
  async function lightPoll() {
    try {
      const { version } = await getJson('/events/version');
      if (version !== state.version || Date.now() - state.lastFullRefresh >= FULL_REFRESH_MS) {
        state.version = version;
        await refresh();
      }
    } catch (error) {
      markStale(error);
    }
  }

  function onEvent() {
    clearTimeout(state.debounceTimer);
    state.debounceTimer = setTimeout(refresh, EVENT_DEBOUNCE_MS);
  }

  function connectEvents() {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/events');
    source.addEventListener('open', () => {
      state.live = true;
      setConnection();
      refresh();
      schedulePoll();
    });
    source.addEventListener('check', onEvent);
    source.addEventListener('run', onEvent);
    source.addEventListener('override', onEvent);
    source.addEventListener('acknowledgement', onEvent);
    source.addEventListener('error', () => {
      state.live = false;
      setConnection();
      refresh();
      schedulePoll();
      if (source.readyState === EventSource.CLOSED) {
        // Refused (too many streams) or not an event stream: poll, and try the stream again later.
        setTimeout(connectEvents, 30000);
      }
    });
  }

  // ---- controls --------------------------------------------------------------------------------------------

  function onStripKey(event) {
    const current = event.target.closest('.strip-cell');
    if (!current) return;
    const cells = [...current.closest('.strip').querySelectorAll('.strip-cell')];
    const index = cells.indexOf(current);
    const next = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: cells.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    focusCell(cells[Math.max(0, Math.min(cells.length - 1, next))]);
  }

  function showCellDetail(event) {
    const target = event.target.closest ? event.target.closest('.strip-cell') : null;
    if (target) $('history-detail').textContent = target.getAttribute('aria-label');
  }

  async function runPaperPreflight() {
    const button = $('run-paper');
    const result = $('run-result');
    if (button.getAttribute('aria-disabled') === 'true') return;
    // aria-disabled, not disabled: a disabled button drops keyboard focus.
    button.setAttribute('aria-disabled', 'true');
    button.textContent = 'Running paper preflight…';
    result.textContent = 'Running the paper checks…';
    try {
      const run = await getJson('/preflight?mode=paper', PREFLIGHT_TIMEOUT_MS, [200, 503]);
      const verdict = goLabel(run.verdict);
      result.textContent = `Paper preflight: ${verdict.label} (${run.verdict}, exit code ${run.exitCode}) in ${msText(run.durationMs)}, run ${run.runId}.`;
    } catch (error) {
      result.textContent = `The paper preflight could not be run: ${error.message}.`;
    } finally {
      button.removeAttribute('aria-disabled');
      button.textContent = 'Run paper preflight now';
      refresh();
    }
  }

  function start() {
    $('run-paper').addEventListener('click', runPaperPreflight);
    const checks = $('checks');
    checks.addEventListener('keydown', onStripKey);
    checks.addEventListener('focusin', showCellDetail);
    checks.addEventListener('mouseover', showCellDetail);
    $('oplog-kind').addEventListener('change', changeKind);
    $('oplog-mode').addEventListener('change', renderOplog);
    $('oplog-text').addEventListener('input', renderOplog);
    $('oplog-older').addEventListener('click', loadOlder);
    setConnection();
    refresh();
    schedulePoll();
    connectEvents();
    setInterval(tick, 1000);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
