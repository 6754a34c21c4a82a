import { parseRequirements } from './electron/services/requirements/parse-requirements';
const text = `\uFEFF# comment
pandas>=2.0,<3 ; python_version >= "3.9"
numpy==1.26.4 \\
   --hash=sha256:${'a'.repeat(64)}
-e .
./pkg
requests[socks,security] (>=2.31)
foo @ git+https://github.com/x/foo.git@v1#egg=foo
-i https://pypi.org/simple
--trusted-host http://x.com
pandas<1
papermill=2
scikit_learn 1.0
flask; python_version >= 3.8
x ; foo == "1"
`;
const r = parseRequirements(text, { file: 'requirements.txt' });
console.log(JSON.stringify(r.lines.map(l => [l.line, l.status])), r.requirements.map(q => [q.name, q.specifier, q.marker, q.url, q.hashes.length]));
for (const f of r.findings) console.log(f.line, f.severity, f.code, f.message);
