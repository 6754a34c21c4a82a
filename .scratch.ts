import { parseRequirements } from './electron/services/requirements/parse-requirements';
const H = 'a'.repeat(64);
const bad = [
  '-e .', '--editable ./pkg', '-e git+https://github.com/a/b.git#egg=b', './pkg', '../x', '/abs/pkg', 'C:\\pkgs\\foo.whl',
  'foo-1.0-py3-none-any.whl', 'file:///tmp/x.whl', 'foo @ file:///tmp/foo', 'pandas==', 'pandas>=1.0.*', 'pandas~=1',
  'pandas=1.0', 'pandas 1.0', '--foo', '-x', 'pandas[', 'pandas[a b]', 'pandas[a,]', 'pan das',
  'pandas; python_version >= 3.8', 'pandas; foo == "1"', 'pandas; python_version = "3.8"', 'pandas; (python_version >= "3.8"',
  'pandas; python_version >= "3.8" and', 'pandas;', 'pandas --hash=md5:abc', 'pandas --hash=sha256:xyz', `pandas==1 --hash=sha256:${H.toUpperCase()}`,
  `--hash=sha256:${H}`, '--index-url', '--index-url ftp://x', '--find-links ./wheels', '-r', '_pandas', 'pandas-', '@ https://x.org/a.whl',
  'foo @', 'foo @ not-a-url', 'pandas==1.0 <2', 'pandas>=1.0,', '--install-option=--x', 'https://example.com/download',
  'pandas==1.0 -i https://pypi.org/simple', '--trusted-host http://x.com/', 'pandas (>=1.0', 'pandas>=abc', 'pandas>=1.0+local',
  'pandas=>1.0', 'pandas<>1.0', 'foo @ https://x.org/foo.whl;python_version<"3"', 'foo @ git+ssh://git@github.com/a/foo.git',
  'foo @ https://user:secret@example.com/foo.whl', '--index-url https://u:p@example.com/simple', '--pre=yes', '--no-binary "a b"',
  'pandas; extra == "x"', 'pandas --global-option=x', '--index-url "https://x.org', 'pandas; python_version >= "3" python_version',
  'pändas', '--config-settings=a=b', 'pandas; (python_version >= "3.8"))', 'pandas; "3.8" in', 'pandas; python_version not "3"',
  'pkgs/foo', '~/foo', 'foo @ https://x/foo.whl extra', 'git+https://github.com/a/b.git', '${TOKEN}pandas', 'pandas --pre foo',
  '-r https://example.com/r.txt', 'foo @ hg+https://hg.example.com/foo', 'foo @ git+https://github.com/a/foo.git'
];
for (const line of bad) {
  const r = parseRequirements(line, { file: 'r.txt' });
  console.log(JSON.stringify(line).padEnd(50), r.lines[0]?.status, r.findings.map(f => `${f.severity}:${f.code}: ${f.message}`).join(' | ') || 'NO FINDING');
}
