/**
 * A plan review's round of proposals, on the real Temporal dev server, PostgreSQL and SMTP: the round
 * opened by `prepareReviewRound` (idempotent), the request email in the review's words, then the contact's
 * proposals through the JSON path and the page's form (draft, final, duplicate, correction with a reason,
 * the receipt email), and the refusals: 403 for an item not in charge, 400 naming the item otherwise.
 */
import { createActivities, eventually } from '../support/app-harness';
import { openReviewRound, REVIEW_WORKFLOW_ID } from '../support/review-round';
import { useHarness } from '../support/use-harness';

let round: Awaited<ReturnType<typeof openReviewRound>>;
const harness = useHarness({}, async (h) => {
  h.startWorker();
  round = await openReviewRound(h, { institutions: ['CECOPAM', 'SEMAR'] });
});

const why = 'Los informes anuales muestran avances constantes.';
/** CECOPAM is in charge of objective 3 (its lines, indicators and goals) and reports 4.a and 4.b. */
const CECOPAM_ITEMS = ['OBJECTIVE/3', 'LINE_OF_ACTION/3.1', 'LINE_OF_ACTION/3.2', 'INDICATOR/3.a', 'INDICATOR/3.b', 'GOAL/3.g1', 'GOAL/3.g2', 'INDICATOR/4.a', 'INDICATOR/4.b'];
const keepAll = () => CECOPAM_ITEMS.map((k) => ({ kind: k.split('/')[0], code: k.split('/')[1], action: 'KEEP', justification: why }));

async function send(link: string, body: unknown, { form = false, accept = 'application/json' } = {}) {
  const res = await fetch(link, {
    method: 'POST',
    redirect: 'manual',
    headers: { accept, 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, location: res.headers.get('location') ?? '' };
}

describe('opening the round', () => {
  it('records the REVIEW cycle and one request per active institution in charge, linked to the review; a second run creates nothing', async () => {
    const h = harness();
    const cycle = await h.prisma.reportingCycle.findFirstOrThrow({ where: { kind: 'REVIEW' } });
    expect(cycle).toMatchObject({ workflowId: REVIEW_WORKFLOW_ID, year: new Date().getFullYear(), openedBy: 'secretariat:prueba@example.gob.mx' });
    expect((cycle.policy as { reminders: unknown }).reminders).toBeDefined();
    expect((await h.prisma.planReview.findFirstOrThrow()).cycleId).toBe(cycle.id);
    const codes = round.round.requests.map((r) => r.institutionCode);
    expect(codes).toEqual(expect.arrayContaining(['CECOPAM', 'INMUJERES', 'SEDENA', 'SEMAR', 'SRE', 'SSPC', 'UNWOMEN']));
    expect(round.round.requests.find((r) => r.institutionCode === 'SRE')?.workflowId).toBe('review/MX-NAP-1325/v1/SRE');

    const again = await createActivities(h.deps).prepareReviewRound(round.input);
    expect(again).toEqual(round.round);
    expect(await h.prisma.dataRequest.count({ where: { cycleId: cycle.id } })).toBe(codes.length);
    expect(await h.prisma.reportingCycle.count({ where: { kind: 'REVIEW' } })).toBe(1);
  });

  it('emails the request in the review\'s words: what to propose, the items in charge, by the deadline, the signed link', async () => {
    const email = round.emails.find((m) => (m.parsed.subject ?? '').includes('CECOPAM'))!;
    expect(email.parsed.subject).toMatch(/^Revisión del PNA-1325 \(versión 1\): propuestas de CECOPAM \(fecha límite .+\)$/);
    const text = email.parsed.text ?? '';
    expect(text).toContain('proponga conservarlo, modificarlo (nueva redacción, meta, unidad o desglose) o retirarlo, cada propuesta con su justificación');
    expect(text).toContain('Elementos a cargo de su institución:');
    expect(text).toMatch(/Objetivo 3 — /);
    expect(text).toMatch(/Meta 3\.g2 — /);
    expect(text).toMatch(/Indicador 4\.b — /);
    expect(text).not.toMatch(/Indicador 5\.a/);
    expect(text).toContain('— English version below —');
    expect(text).toContain('Items in your charge:');
    expect(round.links.CECOPAM).toContain(`/respond/${round.round.year}/CECOPAM?token=`);
    const ics = email.parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(ics?.content.toString()).toContain('revisión del PNA-1325');
  });
});

describe('proposals as JSON', () => {
  it('shows the items in charge behind the link, in plan order', async () => {
    const res = await fetch(round.links.CECOPAM, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    const view = (await res.json()) as any;
    expect(view).toMatchObject({ kind: 'REVIEW', plan: { key: 'MX-NAP-1325', version: 1 }, institution: { code: 'CECOPAM' }, latestVersion: null });
    expect(view.items.map((i: any) => `${i.kind}/${i.code}`)).toEqual(CECOPAM_ITEMS);
  });

  it('403 for a proposal on an item not in charge, naming it, in the contact\'s language', async () => {
    const res = await send(round.links.CECOPAM, { final: false, proposals: [{ kind: 'INDICATOR', code: '5.a', action: 'KEEP', justification: why }] });
    expect(res.status).toBe(403);
    expect(res.json.detail).toBe('Propuestas no válidas: Indicador 5.a (proposals[0]): la institución no está a cargo de este elemento');
    const add = await send(`${round.links.CECOPAM}&lang=en`, {
      final: false,
      proposals: [{ kind: 'LINE_OF_ACTION', code: '4.3', action: 'ADD', objectiveCode: '4', change: { text: { es: 'Nueva', en: 'New' } }, justification: why }],
    });
    expect(add.status).toBe(403);
    expect(add.json.fields).toEqual({ 'proposals[0].objectiveCode': 'Line of action 4.3 (proposals[0]): the institution is not in charge of objective 4' });
  });

  it('400 naming the item: unknown code, an existing code added, a unit on a goal, a missing justification, a target the schema refuses', async () => {
    const res = await send(round.links.CECOPAM, {
      final: false,
      proposals: [
        { kind: 'INDICATOR', code: '3.z', action: 'KEEP', justification: why },
        { kind: 'LINE_OF_ACTION', code: '3.2', action: 'ADD', objectiveCode: '3', change: { text: { es: 'x', en: 'x' } }, justification: why },
        { kind: 'GOAL', code: '3.g1', action: 'MODIFY', change: { unit: 'COUNT' }, justification: why },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.json.fields).toEqual({
      'proposals[0].code': 'Indicador 3.z (proposals[0]): el código 3.z no existe en esta versión del plan',
      'proposals[1].code': 'Línea de acción 3.2 (proposals[1]): ese código ya existe en el plan: un elemento nuevo necesita un código nuevo',
      'proposals[2].change.unit': 'Meta 3.g1 (proposals[2]): no admite una unidad: solo los indicadores la tienen',
    });
    const schema = await send(round.links.CECOPAM, { final: false, proposals: [{ kind: 'GOAL', code: '3.g2', action: 'MODIFY', change: { target: { kind: 'COUNT', value: -1 } } }] });
    expect(schema.status).toBe(400);
    expect(schema.json.fields['proposals[0].justification']).toBe('Meta 3.g2 (proposals[0]) justificación: es obligatorio');
    expect(schema.json.fields['proposals[0].change.target.value']).toMatch(/^Meta 3\.g2 \(proposals\[0\]\) meta \(value\): /);
  });

  it('a draft, the final proposals (all items needed), a duplicate, a correction with its reason; each stored with its proposals and hash', async () => {
    const h = harness();
    const draft = await send(round.links.CECOPAM, { final: false, proposals: [{ kind: 'OBJECTIVE', code: '3', action: 'KEEP', justification: why }] });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ kind: 'DRAFT', version: 1, duplicate: false, status: 'DRAFT' });

    const incomplete = await send(round.links.CECOPAM, { final: true, proposals: [{ kind: 'OBJECTIVE', code: '3', action: 'KEEP', justification: why }] });
    expect(incomplete.status).toBe(400);
    expect(incomplete.json.detail).toBe('Propuestas no válidas: Línea de acción 3.1: falta su propuesta (conservar, modificar o retirar, con su justificación)');

    const proposals = keepAll();
    proposals[5] = {
      kind: 'GOAL',
      code: '3.g1',
      action: 'MODIFY',
      change: { target: { kind: 'COUNT', figure: { es: 'capacitaciones', en: 'trainings' }, value: 4, comparator: 'AT_LEAST', counting: 'PER_YEAR' } },
      justification: why,
    } as any;
    const final = await send(round.links.CECOPAM, { final: true, proposals, narrative: 'Comentario general.' });
    expect(final.status).toBe(201);
    expect(final.json).toMatchObject({ kind: 'FINAL', version: 2, duplicate: false, status: 'SUBMITTED' });
    const stored = await h.prisma.submission.findFirstOrThrow({ where: { dataRequest: { workflowId: 'review/MX-NAP-1325/v1/CECOPAM' }, version: 2 }, include: { values: true } });
    expect(stored.values).toEqual([]);
    expect((stored.proposals as any).proposals).toHaveLength(CECOPAM_ITEMS.length);
    expect((stored.proposals as any).narrative).toBe('Comentario general.');
    expect(stored.narrative).toBe('Comentario general.');
    expect(stored.contentHash).toMatch(/^[0-9a-f]{64}$/);

    // The same proposals in another order: nothing new.
    const again = await send(round.links.CECOPAM, { final: true, proposals: [...proposals].reverse(), narrative: 'Comentario general.' });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ duplicate: true, version: 2 });

    const receipt = await h.smtp.waitFor((m) => (m.parsed.subject ?? '') === 'Acuse de recibo: revisión del PNA-1325 (versión 1), CECOPAM, versión 2');
    const text = receipt[0].parsed.text ?? '';
    expect(text).toContain('Recibimos las propuestas de');
    expect(text).toContain('Meta 3.g1: modificar');
    expect(text).toMatch(/Meta: capacitaciones, al menos 4 por año/);
    expect(text).toContain(`Justificación: ${why}`);

    const changed = keepAll();
    changed[2] = { kind: 'LINE_OF_ACTION', code: '3.2', action: 'RETIRE', justification: 'Ya se cumplió.' };
    const noReason = await send(round.links.CECOPAM, { final: true, proposals: changed });
    expect(noReason.status).toBe(400);
    expect(noReason.json.fields).toHaveProperty('reason');
    const corrected = await send(round.links.CECOPAM, { final: true, proposals: changed, reason: 'La línea 3.2 ya se cumplió.' });
    expect(corrected.status).toBe(201);
    expect(corrected.json).toMatchObject({ kind: 'CORRECTION', version: 3 });
    const row = await h.prisma.submission.findFirstOrThrow({ where: { dataRequest: { workflowId: 'review/MX-NAP-1325/v1/CECOPAM' } }, orderBy: { version: 'desc' } });
    expect({ kind: row.kind, reason: row.reason }).toEqual({ kind: 'CORRECTION', reason: 'La línea 3.2 ya se cumplió.' });
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { dataRequestId: row.dataRequestId, action: 'CORRECTED' } });
    expect(audit.data).toMatchObject({ version: 3, proposals: CECOPAM_ITEMS.length });
  });
});

describe('proposals from the page', () => {
  it('shows one fieldset per item in charge, grouped by objective, with the goal\'s target in words', async () => {
    const res = await fetch(round.links.SEMAR);
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(page).toContain('Revisión del PNA-1325 (versión 1): Secretaría de Marina');
    expect(page).toContain('name="a|OBJECTIVE|5"');
    expect(page).toContain('name="j|GOAL|5.g1"');
    expect(page).toMatch(/Meta vigente — [^<]+\(indicador 5\.b\)/);
    expect(page).toContain('name="tk|GOAL|5.g1"');
    expect(page).toContain('name="u|INDICATOR|5.a"');
    expect(page).toContain('name="nk|new|3"');
    expect(page).toContain('Solicitar prórroga');
  });

  it('a draft saved from the form comes back in it; errors come back in place, naming the item; a crafted addition not in charge is 403', async () => {
    const draft = await send(round.links.SEMAR, { 'a|OBJECTIVE|5': 'KEEP', 'j|OBJECTIVE|5': why, 'a|INDICATOR|5.a': 'MODIFY', 'j|INDICATOR|5.a': why, 'u|INDICATOR|5.a': 'PERCENTAGE', final: 'false' }, { form: true, accept: 'text/html' });
    expect(draft.status).toBe(303);
    expect(draft.location).toContain('notice=draft');
    const page = await (await fetch(new URL(draft.location, round.links.SEMAR))).text();
    expect(page).toContain('Borrador guardado (versión 1)');
    expect(page).toMatch(/<input type="radio" id="a-INDICATOR-5-a-MODIFY" name="a\|INDICATOR\|5\.a" value="MODIFY" checked/);
    expect(page).toMatch(/<option value="PERCENTAGE" selected/);

    const bad = await send(round.links.SEMAR, { 'a|GOAL|5.g1': 'MODIFY', 'j|GOAL|5.g1': '', 'tk|GOAL|5.g1': 'COUNT', 'tv|GOAL|5.g1': 'muchas', final: 'false' }, { form: true, accept: 'text/html' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Hay un problema');
    expect(bad.text).toMatch(/<a href="#j-GOAL-5-g1">Meta 5\.g1 \(proposals\[0\]\) justificación: es obligatorio<\/a>/);
    expect(bad.text).toMatch(/id="tv-GOAL-5-g1-error">Meta 5\.g1 \(proposals\[0\]\) meta \(value\): /);
    expect(bad.text).toContain('value="muchas"'); // what was sent is kept

    const crafted = await send(round.links.SEMAR, { 'nk|new|1': 'GOAL', 'no|new|1': '3', 'nc|new|1': '3.g9', 'tes|new|1': 'x', 'ten|new|1': 'x', 'j|new|1': why, final: 'false' }, { form: true, accept: 'text/html' });
    expect(crafted.status).toBe(403);
    expect(crafted.text).toContain('Meta 3.g9 (proposals[0]): la institución no está a cargo del objetivo 3');
    expect(crafted.text).toContain('id="no-new-1-error"');
  });

  it('a final submission from the form, then the receipt page lists the proposals', async () => {
    const h = harness();
    const view = (await (await fetch(round.links.SEMAR, { headers: { accept: 'application/json' } })).json()) as any;
    const form: Record<string, string> = { final: 'true' };
    for (const i of view.items) {
      form[`a|${i.kind}|${i.code}`] = 'KEEP';
      form[`j|${i.kind}|${i.code}`] = why;
    }
    form['a|LINE_OF_ACTION|5.1'] = 'MODIFY';
    form['tes|LINE_OF_ACTION|5.1'] = 'Nueva redacción de la línea 5.1';
    Object.assign(form, { 'nk|new|1': 'INDICATOR', 'no|new|1': '5', 'nc|new|1': '5.d', 'tes|new|1': 'Mujeres en mando', 'ten|new|1': 'Women in command', 'u|new|1': 'COUNT', 'd|new|1': 'SEX', 'j|new|1': why });
    const res = await send(round.links.SEMAR, form, { form: true, accept: 'text/html' });
    expect(res.status).toBe(303);
    expect(res.location).toContain('notice=submitted');
    await eventually(async () => ((await h.prisma.dataRequest.findFirstOrThrow({ where: { workflowId: 'review/MX-NAP-1325/v1/SEMAR' } })).status === 'SUBMITTED' ? true : undefined));
    const stored = await h.prisma.submission.findFirstOrThrow({ where: { dataRequest: { workflowId: 'review/MX-NAP-1325/v1/SEMAR' }, kind: 'FINAL' } });
    const proposals = (stored.proposals as any).proposals;
    expect(proposals.find((p: any) => p.code === '5.1')).toEqual({ kind: 'LINE_OF_ACTION', code: '5.1', action: 'MODIFY', change: { text: { es: 'Nueva redacción de la línea 5.1' } }, justification: why });
    expect(proposals.find((p: any) => p.code === '5.d')).toMatchObject({ action: 'ADD', objectiveCode: '5', change: { unit: 'COUNT', disaggregation: 'SEX' } });

    const receiptUrl = round.links.SEMAR.replace('/SEMAR?', '/SEMAR/receipt?');
    const receipt = await (await fetch(receiptUrl)).text();
    expect(receipt).toContain('Acuse de recibo: revisión del PNA-1325 (versión 1), versión 2');
    expect(receipt).toContain('Línea de acción 5.1: modificar');
    expect(receipt).toContain('Indicador 5.d: agregar (Objetivo 5)');
  });
});
