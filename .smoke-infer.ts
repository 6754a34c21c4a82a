import { inferFromPaths } from './electron/services/infer/index';
const v = process.argv[2] ?? '3.11';
const r = await inferFromPaths(['test/fixtures/notebooks/project'], { pythonVersion: v });
for (const p of r.packages) console.log('P', p.distribution, p.requirement, p.confidence, p.importNames.join(','), p.occurrences.map(o => `${o.file.split('/').pop()}:${o.cell}:${o.line}${o.optional?'o':''}${o.typeCheckingOnly?'t':''}`).join(' '));
for (const p of r.unknown) console.log('U', p.distribution, p.confidence, p.reviewReason, p.occurrences.map(o => `${o.cell}:${o.line}:${o.text}`).join(' | '));
console.log(r.excluded);
for (const f of r.findings) console.log('F', f.kind, f.file?.split('/').pop(), f.cell, f.line, f.message);
for (const p of r.pipInstalls) console.log('PIP', p.cell, p.line, JSON.stringify([p.requirements, p.options, p.requirementFiles]));
console.log(r.files);
