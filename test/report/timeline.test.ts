// The deadline timeline's layout (src/report/timeline.ts), shared by the report and the dashboard:
// labels placed in lanes never overlap by their estimated widths, a label that fits no lane is
// left out, row labels are cut to their column, overdue findings come first. (The browser tests
// check the drawn boxes: test/report/report-browser.test.ts, test/web/deadlines-plan.test.ts.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, UpcomingDeadline } from '../../src/policy/index.js';
import { fitText, layoutTimeline, placeInLanes, textWidth, timelineEntries } from '../../src/report/timeline.js';

const FONT = 11;

function spans(labels: ReturnType<typeof placeInLanes>) {
  return labels.map((l) => {
    const w = textWidth(l.text, FONT);
    const x0 = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
    return { ...l, x0, x1: x0 + w };
  });
}

test('labels at the same place go to the next lane, and past the last lane they are left out', () => {
  const placed = placeInLanes([{ text: '2026-12-31', x: 300, anchor: 'start' }, { text: '2027', x: 302, anchor: 'middle' }, { text: '2028', x: 305, anchor: 'middle' }], FONT, 960, 2);
  assert.deepEqual(placed.map((l) => [l.text, l.y]), [['2026-12-31', FONT], ['2027', FONT + 13]]);
  const s = spans(placed);
  for (let i = 0; i < s.length; i++) for (let j = i + 1; j < s.length; j++) assert.ok(s[i]!.y !== s[j]!.y || s[i]!.x1 <= s[j]!.x0 || s[j]!.x1 <= s[i]!.x0);
});

test('a label that would stick out of the picture is left out', () => {
  assert.deepEqual(placeInLanes([{ text: '2031', x: 958, anchor: 'middle' }], FONT, 960, 2), []);
});

test('fitText cuts to the width with an ellipsis, and leaves a short text alone', () => {
  assert.equal(fitText('de-2024-5g-nms: last day', 400, FONT), 'de-2024-5g-nms: last day');
  const cut = fitText('x'.repeat(200), 100, FONT);
  assert.ok(cut.endsWith('…') && textWidth(cut, FONT) <= 100);
});

test('overdue findings come first, one entry per rule and deadline, then the upcoming deadlines', () => {
  const f = (rule: string, deadline: string, daysLeft: number, status = 'overdue') => ({ rule, deadline, daysLeft, status }) as unknown as Finding;
  const findings = [f('a', '2020-01-01', -100), f('a', '2020-01-01', -100), f('b', '2019-01-01', -400), f('c', '2027-01-01', 1, 'due')];
  const upcoming: UpcomingDeadline[] = [{ rule: 'c', field: 'removeBy', date: '2027-01-01', what: 'last day to remove', daysLeft: 1, findings: 1 }];
  const e = timelineEntries(findings, upcoming);
  assert.deepEqual(e.map((x) => [x.rule, x.overdue, x.findings]), [['b', true, 1], ['a', true, 2], ['c', false, 1]]);
  const t = layoutTimeline(e, '2026-12-31', { width: 960, left: 300, rowHeight: 18, fontSize: FONT });
  assert.equal(t.rows.length, 3);
  assert.match(t.rows[0]!.date.text, /^overdue since 2019-01-01 \(400 days\)$/);
  // rows below the axis labels, each label in its column
  assert.ok(t.rows.every((r) => r.y >= Math.max(...t.axis.map((a) => a.y))));
  assert.ok(t.rows.every((r) => textWidth(r.label.text, FONT) <= 300 - 12));
});
