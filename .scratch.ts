import { satisfies } from '@renovatebot/pep440';
console.log(satisfies('1.0.post2', '>1.0.post1', {prereleases: true}), satisfies('1.0.post2', '==1.0.post2', {prereleases: true}), satisfies('1.0.post2', '>1.0.post1'));
console.log(satisfies('1.0.post3', '>1.0.post1'), satisfies('1.1', '>1.0.post1'));
