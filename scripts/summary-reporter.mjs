// A test reporter that prints only the closing line `N passed, N failed` (plus skipped and
// todo counts when there are any). Suites are not counted, only the tests inside them.
export default async function* summary(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let todo = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite') continue;
    if (event.data.skip) skipped++;
    else if (event.data.todo) todo++;
    else if (event.type === 'test:pass') passed++;
    else failed++;
  }
  const extra = [skipped ? `${skipped} skipped` : '', todo ? `${todo} todo` : ''].filter(Boolean);
  yield `\n${passed} passed, ${failed} failed${extra.length ? `, ${extra.join(', ')}` : ''}\n`;
}
