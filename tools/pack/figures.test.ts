import { describe, expect, it } from 'vitest';
import { describeFigures, findFigures } from './figures';

const words = (text: string) => findFigures(text).map((word) => word.text);
const kinds = (text: string) => findFigures(text).map((word) => word.kind);

// Sentences are taken from content/explainers (some shortened), so the rule is tested on how facts are really written.
describe('findFigures: figures', () => {
  it('finds counts next to a counted noun', () => {
    expect(words('Agreement counts run higher than agency counts: in late November 2025, 1,202 active agreements were held by almost 900 agencies.')).toEqual([
      '1,202 active',
      '900 agencies',
    ]);
    expect(words('CBP has about 60,000 employees and runs 328 ports of entry.')).toEqual(['60,000 employees', '328 ports']);
  });

  it('finds money, percentages and scaled numbers', () => {
    const text = 'The law gives ICE $45 billion for detention and $29.9 billion for operations, a 73.6% share of 2.2 million southwest encounters.';
    expect(findFigures(text)).toEqual([
      { kind: 'money', text: '$45 billion' },
      { kind: 'money', text: '$29.9 billion' },
      { kind: 'percent', text: '73.6%' },
      { kind: 'count', text: '2.2 million southwest' },
    ]);
    expect(words('The federal suit cites DHS data showing an 8,000% rise in death threats against immigration agents.')).toEqual(['8,000%']);
  });

  it('finds ranks written as ordinals', () => {
    expect(kinds('Texas has the 2nd largest number of agreements.')).toEqual(['rank']);
  });

  it('finds statuses that can change', () => {
    expect(words('In A.A.R.P. v. Trump the Court barred removals of the class under the Act pending further proceedings.')).toEqual(['pending']);
    expect(words('Judge Jamal Whitehead (W.D. Wash.) blocked the suspension on Feb 25, 2025.')).toEqual(['blocked']);
    expect(words('SB 627 required every agency to post a policy. It was set to take effect Jan 1, 2026.')).toEqual(['was set to']);
    expect(words('Haiti’s designation will end on Feb 3, 2026.')).toEqual(['will end']);
    expect(words('TPS for Venezuela is extended until September 2026.')).toEqual(['until September']);
    expect(words('The nominee remains subject to confirmation by the Senate.')).toEqual(['subject to confirmation']);
  });

  it('quotes the trigger words once each for messages', () => {
    expect(describeFigures(findFigures('ICE data showed 1,412 active agreements; 68 pending requests, still pending.'))).toBe(
      '"1,412 active", "68 pending", "pending"',
    );
  });
});

describe('findFigures: not figures', () => {
  it.each([
    ['years and dates', 'Gov. Jerry Brown signed SB 54, the California Values Act, on Oct 5, 2017; it took effect Jan 1, 2018.'],
    ['statute sections', 'INA §287(g) (8 U.S.C. 1357(g)) lets ICE deputize local officers; INA §236(c) (8 U.S.C. 1226(c)) requires detention.'],
    ['regulations without a section', 'USCIS lists both the Act and 8 C.F.R. among the legal resources it follows.'],
    ['subsections with a section sign', 'People who entered without inspection are held under § 1225(b) and §235(b).'],
    ['executive orders and proclamations', 'Executive Order 14165 told DHS to end CHNV; EO 14159 revived the model; Proclamation 10903 named Tren de Aragua.'],
    ['bills and chapters', 'Maryland passed HB 444 / SB 245; Washington’s SSB 5855 is chapter 115, Laws of 2026; Maine’s LD 1971.'],
    ['forms', 'Since April 2, 2017 one form, the I-247A, has replaced the I-247D, I-247N and I-247X; Forms I-200 and I-205 are not judicial warrants.'],
    ['public laws and acts', 'Public Law 119-21 is the budget law; Illinois’s TRUST Act is Public Act 100-463.'],
    ['case reporters', 'In 2019 the Ninth Circuit upheld SB 54 (United States v. California, 921 F.3d 865).'],
    ['named ordinals', 'Challengers cited the 14th Amendment and the 5th Circuit’s ruling.'],
    ['rule durations', 'Detainers ask for a hold of up to 48 hours; expedited removal covered people caught within 100 miles of the border within 14 days of entering.'],
    ['ages', 'Eligibility: arrived before age 16, under 31 on June 15, 2012; members aged 14 and up.'],
    ['spelled-out counts', 'ICE offers three models: the Jail Enforcement Model, the Task Force Model and the Warrant Service Officer model.'],
    ['"pending" as an adjective of charges', 'Officers process removable noncitizens with criminal or pending charges.'],
    ['"until" before an event, not a date', 'Jails may hold a person until ICE takes custody.'],
    ['section numbers', 'Section 11 tells DHS to use 287(g) agreements; Section 9 directs expedited removal; Title 8 of the U.S. Code.'],
  ])('%s', (_, text) => {
    expect(findFigures(text)).toEqual([]);
  });

  it('counts a duration when it is a measurement', () => {
    expect(kinds('Detainees were held an average of 45 days.')).toEqual(['count']);
  });
});

describe('findFigures: Spanish statute sections with subsections', () => {
  it('reads "sección 212(d)(5)(A)" as a name, not the figure 5, and still finds a count beside it', () => {
    expect(findFigures('La sección 212(d)(5)(A) de la INA permite dar parole caso por caso.', 'es')).toEqual([]);
    expect(findFigures('Los artículos 287(g) y 236(c) se aplican.', 'es')).toEqual([]);
    expect(findFigures('La sección 212(d)(5)(A) se usó para 532,000 personas.', 'es').length).toBeGreaterThan(0);
  });
});
