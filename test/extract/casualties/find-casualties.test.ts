import { describe, expect, it } from 'vitest';
import type { ActorType } from '../../../src/domain/index.js';
import { findCasualties } from '../../../src/extract/casualties/find-casualties.js';
import { actor, lexicon, sentence } from './helpers.js';

interface Row {
  readonly text: string;
  readonly actors?: readonly (readonly [string, string, ActorType])[];
  /** metric/category/low/best/high/(~ approximate | = exact)/claimant or -/kind/stance, in sentence order. */
  readonly want: readonly string[];
}

const U = '-/unattributed/reported';

const rows: readonly Row[] = [
  // A definite or plural noun after an article counts nobody; remains found count the dead they were.
  { text: 'Police said the bodies were shifted to the district hospital.', want: [] },
  { text: 'Officials confirmed the deaths and ordered an inquiry.', want: [] },
  {
    text: 'Two constables died in the clash, and police later recovered the remains of four attackers.',
    want: [`killed/security_forces/2/2/2/=/${U}`, `killed/militants/4/4/4/=/${U}`],
  },
  // Quotation marks around a state label do not break the phrase.
  {
    text: 'Security forces neutralised 19 \u201cIndian-sponsored terrorists\u201d during the operation.',
    want: [`killed/militants/19/19/19/=/${U}`],
  },
  // Words of doubt and whom the counted belong to do not break the phrase.
  {
    text: 'Four alleged terrorists linked to the banned group were killed in the raid.',
    want: ['killed/militants/4/4/4/=/-/unattributed/claimed'],
  },
  {
    text: 'Three suspected militants affiliated with Fitna al Hindustan were killed.',
    want: [`killed/militants/3/3/3/=/${U}`],
  },
  // State euphemisms for killing.
  {
    text: 'Thirteen khawarij were neutralised by the security forces.',
    want: [`killed/militants/13/13/13/=/${U}`],
  },
  // Plain figures, digits and words.
  {
    text: 'Three soldiers were killed when a roadside bomb hit their truck.',
    want: [`killed/security_forces/3/3/3/=/${U}`],
  },
  {
    text: 'Officials said 14 policemen were wounded in the grenade attack.',
    want: ['injured/security_forces/14/14/14/=/Officials/state_official/confirmed'],
  },
  {
    text: 'A total of 1,500 villagers were killed over the decade-long feud.',
    want: [`killed/civilians/1500/1500/1500/=/${U}`],
  },
  {
    text: 'Twenty-seven labourers were abducted from the construction site.',
    want: [`abducted/civilians/27/27/27/=/${U}`],
  },
  {
    text: 'Thirty four passengers were injured when the coach overturned after the blast.',
    want: [`injured/civilians/34/34/34/=/${U}`],
  },
  {
    text: 'A soldier was killed and a civilian was hurt in the crossfire.',
    want: [`killed/security_forces/1/1/1/=/${U}`, `injured/civilians/1/1/1/=/${U}`],
  },
  { text: 'An FC trooper was martyred near the checkpoint.', want: [`killed/security_forces/1/1/1/=/${U}`] },
  { text: 'Gunmen shot dead two shopkeepers in the bazaar.', want: [`killed/civilians/2/2/2/=/${U}`] },
  {
    text: 'The ambush killed 9 Pakistani soldiers and wounded four others.',
    want: [`killed/security_forces/9/9/9/=/${U}`, `injured/security_forces/4/4/4/=/${U}`],
  },
  {
    text: 'The blast ripped through the market, killing six people and injuring eleven more.',
    want: [`killed/civilians/6/6/6/=/${U}`, `injured/civilians/11/11/11/=/${U}`],
  },
  { text: 'Armed men kidnapped 5 engineers working on the dam.', want: [`abducted/civilians/5/5/5/=/${U}`] },
  {
    text: 'Four labourers went missing after the raid on the camp.',
    want: [`abducted/civilians/4/4/4/=/${U}`],
  },
  { text: 'Eight villagers were taken hostage by the gunmen.', want: [`abducted/civilians/8/8/8/=/${U}`] },
  { text: 'Two teachers died on the spot.', want: [`killed/civilians/2/2/2/=/${U}`] },
  {
    text: 'Five miners lost their lives in the attack on the coal field.',
    want: [`killed/civilians/5/5/5/=/${U}`],
  },
  { text: 'The driver was killed instantly.', want: [`killed/civilians/1/1/1/=/${U}`] },
  { text: 'He was wounded in the leg.', want: [`injured/unknown/1/1/1/=/${U}`] },
  { text: 'Doctor Amjad Khan was shot dead outside his clinic.', want: [`killed/civilians/1/1/1/=/${U}`] },
  {
    text: 'Captain Bilal Ahmed was killed during the clearance operation.',
    want: [`killed/security_forces/1/1/1/=/${U}`],
  },
  { text: 'The attacker was killed by return fire.', want: [`killed/militants/1/1/1/=/${U}`] },
  { text: 'The suicide bomber died in the explosion.', want: [`killed/militants/1/1/1/=/${U}`] },
  { text: 'Seven bodies were recovered from the rubble.', want: [`killed/unknown/7/7/7/=/${U}`] },
  { text: 'The explosion caused four deaths.', want: [`killed/unknown/4/4/4/=/${U}`] },
  {
    text: 'Three civilian casualties were reported from the shelling.',
    want: ['killed/civilians/3/3/3/=/-/unattributed/reported'],
  },
  // Enumerations.
  {
    text: 'A rickshaw driver and one pedestrian were wounded in the blast.',
    want: [`injured/civilians/2/2/2/=/${U}`],
  },
  {
    text: 'One levies member and a shepherd were killed.',
    want: [`killed/security_forces/1/1/1/=/${U}`, `killed/civilians/1/1/1/=/${U}`],
  },
  { text: 'Nine constables and 3 passers-by... were injured.', want: [] },
  {
    text: '11 policemen and 2 students were injured in the explosion.',
    want: [`injured/security_forces/11/11/11/=/${U}`, `injured/civilians/2/2/2/=/${U}`],
  },
  {
    text: 'Three soldiers and five militants were killed in the gunfight.',
    want: [`killed/security_forces/3/3/3/=/${U}`, `killed/militants/5/5/5/=/${U}`],
  },
  { text: 'Three people, a guard and two cleaners, were injured.', want: [`injured/civilians/3/3/3/=/${U}`] },
  {
    text: 'Two soldiers, Naik Asif and Sepoy Tariq, were wounded.',
    want: [`injured/security_forces/2/2/2/=/${U}`],
  },
  {
    text: 'Rahim and three other workers were abducted at gunpoint.',
    want: [`abducted/civilians/4/4/4/=/${U}`],
  },
  {
    text: 'The explosion injured two soldiers along with three passers-by.',
    want: [`injured/security_forces/2/2/2/=/${U}`, `injured/civilians/3/3/3/=/${U}`],
  },
  {
    // the people named after the verb died with the figure
    text: 'A constable was gunned down along with a shopkeeper near the market.',
    want: [`killed/security_forces/1/1/1/=/${U}`, `killed/civilians/1/1/1/=/${U}`],
  },
  {
    // a possessive before a number counts the number ("his two sons"), and kin are people
    text: 'A tribal elder was shot dead along with his two sons on the road.',
    want: [`killed/civilians/3/3/3/=/${U}`],
  },
  {
    text: 'Three soldiers were wounded together with two passers-by in the blast.',
    want: [`injured/security_forces/3/3/3/=/${U}`, `injured/civilians/2/2/2/=/${U}`],
  },
  {
    // a bare number after the verb is no one's companion
    text: 'Three soldiers were wounded along with 40 in the blast.',
    want: [`injured/security_forces/3/3/3/=/${U}`],
  },
  {
    text: 'Four policemen as well as a shopkeeper were wounded in the attack.',
    want: [`injured/security_forces/4/4/4/=/${U}`, `injured/civilians/1/1/1/=/${U}`],
  },
  {
    text: 'Five personnel, including a major, were killed in the ambush.',
    want: [`killed/security_forces/5/5/5/=/${U}`],
  },
  {
    // the aside ends in a name set off by a comma, and the comma that would close it is missing
    text: 'Eleven militants, including two commanders of the outfit, Jaish ul Adl were killed in the raid.',
    want: [`killed/militants/11/11/11/=/${U}`],
  },
  {
    text: 'One official, Nadir Shah, was killed and another official was hurt.',
    want: [`killed/unknown/1/1/1/=/${U}`, `injured/unknown/1/1/1/=/${U}`],
  },
  {
    text: 'A policeman, who had just finished his shift, was killed near the station.',
    want: [`killed/security_forces/1/1/1/=/${U}`],
  },
  {
    // the name in brackets is the elder, no second person; the nephew is counted unharmed, as a guard would be
    text: 'An elder (Malik Sher Ali) was killed and his nephew was unharmed.',
    want: [
      `killed/civilians/1/1/1/=/${U}`,
      `killed/civilians/0/0/0/=/${U}`,
      `injured/civilians/0/0/0/=/${U}`,
    ],
  },
  // Ellipsis and inherited categories.
  {
    text: 'Two soldiers were killed and one was injured.',
    want: [`killed/security_forces/2/2/2/=/${U}`, `injured/security_forces/1/1/1/=/${U}`],
  },
  {
    text: 'An FC soldier was killed and two injured in the attack.',
    want: [`killed/security_forces/1/1/1/=/${U}`, `injured/security_forces/2/2/2/=/${U}`],
  },
  {
    text: 'One policeman was killed while another was left injured.',
    want: [`killed/security_forces/1/1/1/=/${U}`, `injured/security_forces/1/1/1/=/${U}`],
  },
  {
    text: 'Troops killed 60 insurgents on Monday and another 25 on Tuesday.',
    want: [`killed/militants/60/60/60/=/${U}`, `killed/militants/25/25/25/=/${U}`],
  },
  // Found dead: killed, by whoever it was.
  {
    text: 'Three labourers were found dead near a coal mine on Sunday.',
    want: [`killed/civilians/3/3/3/=/${U}`],
  },
  // Remains found are deaths; remains merely moved count nobody (they were counted where they died).
  {
    text: 'The bullet-riddled body of a shopkeeper was found near the bypass on Sunday.',
    want: [`killed/civilians/1/1/1/=/${U}`],
  },
  {
    text: 'Levies recovered the bodies of two labourers from a ravine.',
    want: [`killed/civilians/2/2/2/=/${U}`],
  },
  { text: 'The bodies of the two labourers were shifted to the hospital.', want: [] },
  // How a soldier fell, set off by commas, stands between the soldier and the verb; a word before the soldier that
  // could be read as a name does not hide the figure.
  {
    text: 'On Friday, Naik Gul Khan, having fought bravely, embraced shahadat.',
    want: [`killed/security_forces/1/1/1/=/${U}`],
  },
  {
    text: 'Sepoy Amjad (age 22, resident of Chitral) having fought gallantly, laid down his life.',
    want: [`killed/security_forces/1/1/1/=/${U}`],
  },
  // A plural title before names counts the names; a force's name before a rank does not.
  {
    text: 'Sepoys Karim, Tariq and Zubair laid down their lives in the fighting.',
    want: [`killed/security_forces/3/3/3/=/${U}`],
  },
  {
    text: 'Police Constable Gul and Sepoy Anwar were wounded.',
    want: [`injured/security_forces/2/2/2/=/${U}`],
  },
  // "his driver" is one person; "his death" and "his men" count nobody.
  {
    text: 'His guard and three villagers died in the blast.',
    want: [`killed/civilians/4/4/4/=/${U}`],
  },
  {
    text: 'The councillor was unhurt, but his guard and three villagers died in the blast.',
    want: [
      `killed/civilians/0/0/0/=/${U}`,
      `injured/civilians/0/0/0/=/${U}`,
      `killed/civilians/4/4/4/=/${U}`,
    ],
  },
  { text: 'His death was mourned and his men vowed revenge.', want: [] },
  // Occupations are civilians like any other.
  {
    text: 'A schoolteacher was found dead in his orchard, and two traders were wounded nearby.',
    want: [`killed/civilians/1/1/1/=/${U}`, `injured/civilians/2/2/2/=/${U}`],
  },
  {
    text: 'Gunmen shot dead a polio worker and a local journalist on Tuesday.',
    want: [`killed/civilians/2/2/2/=/${U}`],
  },
  // An age and a home set off by commas describe the one person named; they count nobody.
  {
    text: 'Lance Naik Sher Ali, 31, a resident of Kohat, died of his wounds on the way to hospital.',
    want: [`killed/security_forces/1/1/1/=/${U}`],
  },
  {
    text: 'Havaldar Gul Nawaz, aged 40, resident of Lakki Marwat, and Sepoy Amir, 23, were martyred.',
    want: [`killed/security_forces/2/2/2/=/${U}`],
  },
  // The one a speech verb follows, after a comma, speaks: it is not one more of the counted.
  {
    text: 'A roadside bomb went off near a convoy, injuring four soldiers, a security official said.',
    want: ['injured/security_forces/4/4/4/=/security official/state_official/confirmed'],
  },
  {
    text: 'The blast killed three labourers, a police official told reporters.',
    want: ['killed/civilians/3/3/3/=/police official/state_official/confirmed'],
  },
  // The one told ("told Geo News") is the recipient: the figure after "adding that" is the teller's.
  {
    text: 'A bomb went off in the bazaar, a police official told Geo News, adding that six shopkeepers were wounded.',
    want: ['injured/civilians/6/6/6/=/police official/state_official/confirmed'],
  },
  // The killing, the deaths of a figure: the nouns of a verb read like its gerund, before the figure.
  {
    text: 'The encounter resulted in the killing of one militant.',
    want: [`killed/militants/1/1/1/=/${U}`],
  },
  {
    text: 'The blast led to the deaths of three soldiers.',
    want: [`killed/security_forces/3/3/3/=/${U}`],
  },
  // An aside that names members of another kind ("their driver") among a figure of one kind ("policemen")
  // lists who they were: the figure still counts policemen. Of a generic noun ("people"), it mixes kinds.
  {
    text: 'The mine injured three policemen, including a sub-inspector and their driver, along with two shepherds.',
    want: [`injured/security_forces/3/3/3/=/${U}`, `injured/civilians/2/2/2/=/${U}`],
  },
  // The aside's own list, its people set apart by commas, runs on to the next group joined to the figure.
  {
    text: 'The mine injured three policemen, including Havaldar Gul Zaman, constables Asif and Nadir, and their driver Sher Ali, along with two shepherds.',
    want: [`injured/security_forces/3/3/3/=/${U}`, `injured/civilians/2/2/2/=/${U}`],
  },
  {
    text: 'Six people, including two policemen and their driver, were injured by the mine.',
    want: [`injured/unknown/6/6/6/=/${U}`],
  },
  // A person's force after "of" is part of the noun, so the next person joined to it counts too; ranks and
  // standing ("acting", "off-duty") change nobody's kind.
  {
    text: 'An inspector of police and two constables were martyred in the ambush.',
    want: [`killed/security_forces/3/3/3/=/${U}`],
  },
  {
    text: 'An acting deputy superintendent of police and an off-duty sepoy were martyred.',
    want: [`killed/security_forces/2/2/2/=/${U}`],
  },
  // "and another injured": one more of the kind the figure before counted, its verb right after.
  {
    text: 'Four insurgents were killed and another wounded when their explosives went off.',
    want: [`killed/militants/4/4/4/=/${U}`, `injured/militants/1/1/1/=/${U}`],
  },
  // Injuries inflicted on, caused to a figure: the noun phrase reads like the gerund, before the figure.
  {
    text: 'The rocket struck a brick kiln, inflicting injuries to seven labourers.',
    want: [`injured/civilians/7/7/7/=/${U}`],
  },
  {
    text: 'The grenade caused injuries to two constables on guard.',
    want: [`injured/security_forces/2/2/2/=/${U}`],
  },
  // One verb's figure shared out over places: each share counts what the first figure counted.
  {
    text: "The raids left nine insurgents dead in Sindh's Kashmore district, three in Ghotki, and two at Sukkur.",
    want: [`killed/militants/9/9/9/=/${U}`, `killed/militants/3/3/3/=/${U}`, `killed/militants/2/2/2/=/${U}`],
  },
  {
    text: 'Seven soldiers were injured in Kech and two at the Panjgur camp.',
    want: [`injured/security_forces/7/7/7/=/${U}`, `injured/security_forces/2/2/2/=/${U}`],
  },
  // A number before a month, a lower-case noun, or after a figure with no place is no share.
  {
    text: 'Five soldiers were killed in Kech and 3 in March.',
    want: [`killed/security_forces/5/5/5/=/${U}`],
  },
  {
    text: 'Five soldiers were killed in Kech, two in hospital.',
    want: [`killed/security_forces/5/5/5/=/${U}`],
  },
  {
    text: 'Five soldiers were killed, and 40 in Turbat protested the next day.',
    want: [`killed/security_forces/5/5/5/=/${U}`],
  },
  // Vague quantities and approximations.
  {
    text: 'More than 30 worshippers were injured in the stampede after the blast.',
    want: [`injured/civilians/30/30/30/~/${U}`],
  },
  { text: 'At least 12 soldiers were killed in the raid.', want: [`killed/security_forces/12/12/12/~/${U}`] },
  {
    text: 'Over 40 rebels were killed, the army said.',
    want: ['killed/militants/40/40/40/~/the army/state/claimed'],
  },
  { text: 'Nearly 20 tribesmen were wounded.', want: [`injured/civilians/18/20/20/~/${U}`] },
  { text: 'About 50 people were killed in the clashes.', want: [`killed/civilians/45/50/55/~/${U}`] },
  { text: 'A few soldiers were injured in the skirmish.', want: [`injured/security_forces/2/3/5/~/${U}`] },
  { text: 'Several civilians were abducted from the highway.', want: [`abducted/civilians/3/3/9/~/${U}`] },
  { text: 'Dozens of students were injured in the stampede.', want: [`injured/civilians/12/12/99/~/${U}`] },
  {
    text: 'Hundreds of villagers were displaced and tens were killed.',
    want: [`killed/unknown/10/10/99/~/${U}`],
  },
  { text: 'Two to three guards were injured in the firing.', want: [`injured/civilians/2/3/3/~/${U}`] },
  {
    text: 'Between 4 and 6 soldiers were killed, sources said.',
    want: ['killed/security_forces/4/4/6/~/sources/media/reported'],
  },
  { text: 'More than a dozen pilgrims were wounded.', want: [`injured/civilians/12/12/12/~/${U}`] },
  { text: 'The rocket attack resulted in multiple casualties.', want: [`killed/unknown/2/3/20/~/${U}`] },
  { text: 'The convoy was hit and many were injured.', want: [`injured/unknown/2/3/20/~/${U}`] },
  { text: 'The death toll rose to 23 on Sunday.', want: [`killed/unknown/23/23/23/=/${U}`] },
  // Zeros and unknowns.
  {
    text: 'No casualties were reported in the blast.',
    want: [`killed/unknown/0/0/0/=/${U}`, `injured/unknown/0/0/0/=/${U}`],
  },
  { text: 'There were no fatalities.', want: [`killed/unknown/0/0/0/=/${U}`] },
  {
    text: 'No one was hurt when the device went off.',
    want: [`killed/unknown/0/0/0/=/${U}`, `injured/unknown/0/0/0/=/${U}`],
  },
  {
    text: 'No fatalities were confirmed by the district police.',
    want: ['killed/unknown/0/0/0/=/police/state/confirmed'],
  },
  { text: 'The minister escaped unhurt.', want: [] },
  {
    text: 'Zahid was unharmed, but his guard was killed.',
    want: [`killed/unknown/0/0/0/=/${U}`, `injured/unknown/0/0/0/=/${U}`, `killed/civilians/1/1/1/=/${U}`],
  },
  { text: 'An unknown number of attackers were killed.', want: [] },
  // a person's many wounds are no count of people hurt
  { text: 'The station officer sustained multiple injuries in the firing.', want: [] },
  {
    text: 'A guard received several wounds, and three passers-by were injured.',
    want: [`injured/civilians/3/3/3/=/${U}`],
  },
  { text: 'Casualties unknown.', want: [] },
  { text: 'An unspecified number of workers were left injured in the attack.', want: [] },
  // Claimants and stances.
  {
    text: 'The BLA claimed 19 soldiers were killed in the assault.',
    actors: [['BLA', 'Baloch Liberation Army', 'rebel_group']],
    want: ['killed/security_forces/19/19/19/=/Baloch Liberation Army/armed_group/claimed'],
  },
  {
    text: 'The group said it had killed 8 soldiers.',
    actors: [['group', 'Baloch Liberation Front', 'rebel_group']],
    want: ['killed/security_forces/8/8/8/=/Baloch Liberation Front/armed_group/claimed'],
  },
  {
    text: 'The army acknowledged that four soldiers were killed.',
    want: ['killed/security_forces/4/4/4/=/The army/state/acknowledged'],
  },
  {
    text: 'The military denied that 30 troops had died.',
    want: ['killed/security_forces/30/30/30/=/The military/state/denied'],
  },
  {
    text: 'According to Reuters, 7 people were killed.',
    want: ['killed/civilians/7/7/7/=/Reuters/media/reported'],
  },
  {
    text: 'Six militants were killed, according to the interior ministry.',
    want: ['killed/militants/6/6/6/=/the interior ministry/state/claimed'],
  },
  {
    text: 'Hospital sources said 15 injured people were brought in and two wounded were in critical condition.',
    want: [
      'injured/unknown/15/15/15/=/Hospital sources/other/reported',
      'injured/unknown/2/2/2/=/Hospital sources/other/reported',
    ],
  },
  {
    text: 'Provincial Home Minister Ziaullah Langove stated that 4 levies personnel were martyred.',
    want: [
      'killed/security_forces/4/4/4/=/Provincial Home Minister Ziaullah Langove/state_official/confirmed',
    ],
  },
  {
    text: 'Police officials confirmed that three pedestrians were wounded.',
    want: ['injured/civilians/3/3/3/=/Police officials/state_official/confirmed'],
  },
  {
    text: 'Local reports said 5 soldiers were killed.',
    want: ['killed/security_forces/5/5/5/=/Local reports/media/reported'],
  },
  {
    text: 'Eleven soldiers were reportedly killed in the ambush.',
    want: [`killed/security_forces/11/11/11/=/${U}`],
  },
  {
    text: 'Rescue officials estimated that around 40 people were trapped and 10 were dead.',
    want: ['killed/unknown/10/10/10/=/Rescue officials/state_official/estimated'],
  },
  {
    text: 'Four soldiers were claimed to be killed in the attack.',
    want: ['killed/security_forces/4/4/4/=/-/unattributed/claimed'],
  },
  {
    text: 'The army admitted a few casualties but dismissed claims of heavy losses.',
    want: [
      'killed/unknown/2/3/5/~/The army/state/acknowledged',
      'killed/unknown/2/3/20/~/The army/state/denied',
    ],
  },
  // A verb in the passive has no teller on its left: the group's claim is its own, the doubt after it the outlet's;
  // "by" names the teller of a passive.
  {
    text: 'The BLA claimed killing several soldiers at the post, but no deaths were confirmed.',
    actors: [['BLA', 'Baloch Liberation Army', 'rebel_group']],
    want: [
      'killed/security_forces/3/3/9/~/Baloch Liberation Army/armed_group/claimed',
      'killed/unknown/0/0/0/=/-/unattributed/confirmed',
    ],
  },
  {
    text: 'Two deaths were confirmed by district health officials on Monday.',
    want: ['killed/unknown/2/2/2/=/officials/state_official/confirmed'],
  },
  // The party that reports its own dead is their claimant.
  {
    text: 'Police said gunmen attacked a checkpost in Bannu at night, killing four policemen.',
    actors: [
      ['Police', 'Police Forces of Pakistan', 'state_forces'],
      ['policemen', 'Police Forces of Pakistan', 'state_forces'],
    ],
    want: ['killed/security_forces/4/4/4/=/Police Forces of Pakistan/state/confirmed'],
  },
  // The people a figure counts do not speak for it: past the comma the cue finds only them, so nobody claims it.
  {
    text: 'The group owned the raid, in which three constables were hurt, in a statement.',
    actors: [['constables', 'Police Forces of Pakistan', 'state_forces']],
    want: [`injured/security_forces/3/3/3/=/${U}`],
  },
  // A lower-case title before a noun is an adjective, and "reported" before a noun is no speech verb.
  {
    text: 'The general area commander said eight militants were killed.',
    want: [`killed/militants/8/8/8/=/-/unattributed/reported`],
  },
  {
    text: 'Five militants were killed after troops raided the general area of Kalat on the reported presence of militants.',
    want: [`killed/militants/5/5/5/=/${U}`],
  },
  // The press's label for a group is not the group's name; the sentence's subject still speaks for it.
  {
    text: 'The proscribed Baloch Liberation Front owned the ambush on a convoy near the town of Hoshab on Sunday, saying its men had killed five soldiers.',
    actors: [['Baloch Liberation Front', 'Baloch Liberation Front', 'rebel_group']],
    want: ['killed/security_forces/5/5/5/=/Baloch Liberation Front/armed_group/claimed'],
  },
  // An acronym's bracket does not cut the subject off its verb; coordinated verbs share it.
  {
    text: 'The Baloch Republican Army (BRA) claimed the raid in a statement and said its men had killed nine soldiers.',
    actors: [['Baloch Republican Army (BRA)', 'Baloch Republican Army', 'rebel_group']],
    want: ['killed/security_forces/9/9/9/=/Baloch Republican Army/armed_group/claimed'],
  },
  // The noun after "with" is no subject; the verb takes the party that opens the sentence.
  {
    text: 'The provincial police, in a short note, spoke of a gunfight with militants and admitted two deaths.',
    actors: [
      ['provincial police', 'Police Forces of Pakistan', 'state_forces'],
      ['militants', 'Unidentified armed group', 'political_militia'],
    ],
    want: ['killed/unknown/2/2/2/=/Police Forces of Pakistan/state/acknowledged'],
  },
  // A rank in a claimant's name counts nobody.
  {
    text: 'According to BLF spokesman Major Gwahram Baloch, six soldiers were killed in Jhau.',
    want: ['killed/security_forces/6/6/6/=/BLF spokesman Major Gwahram Baloch/armed_group/claimed'],
  },
  // Coder notes.
  { text: 'Fatalities coded as 4.', want: ['killed/unknown/4/4/4/=/coder note/other/estimated'] },
  { text: '7 fatalities.', want: ['killed/unknown/7/7/7/=/coder note/other/estimated'] },
  // Not casualty figures.
  { text: 'About 2,000 insurgents are believed to operate in the mountains.', want: [] },
  { text: 'The train was carrying 380 passengers when it was attacked.', want: [] },
  { text: 'Militants torched 12 trucks and three vehicles were damaged.', want: [] },
  { text: 'A 14-year-old boy was among those injured.', want: [] },
  { text: 'The attackers fired 15 rockets during the 40-hour siege.', want: [] },
  { text: 'The region hosts over 100 gas wells.', want: [] },
  { text: 'In 2023, prices rose by 30% and Rs 500 was paid to 4 workers.', want: [] },
  { text: 'On May 8 the assailants attacked two FC security posts.', want: [] },
];

function show(m: ReturnType<typeof findCasualties>[number]): string {
  const approx = m.approximate ? '~' : '=';
  const head = `${m.metric}/${m.category}/${m.low}/${m.best}/${m.high}/${approx}`;
  return `${head}/${m.claimant ?? '-'}/${m.claimantKind}/${m.stance}`;
}

describe('findCasualties', () => {
  it.each(rows)('$text', (row) => {
    const s = sentence(row.text);
    const actors = (row.actors ?? []).map(([surface, name, type]) => actor(s, surface, name, type));
    const found = findCasualties(s, lexicon, actors);
    expect(found.map(show)).toEqual(row.want);
    for (const m of found) {
      expect(m.text).toBe(row.text.slice(m.span[0] - s.start, m.span[1] - s.start));
      expect(m.low).toBeLessThanOrEqual(m.best);
      expect(m.best).toBeLessThanOrEqual(m.high);
    }
  });

  it('dates each figure by the day named next to it', () => {
    const s = sentence('The army said 50 militants were killed on Thursday and another 20 on Friday.');
    const found = findCasualties(s, lexicon, []);
    const days = found.map((m) =>
      m.dateSpan ? s.text.slice(m.dateSpan[0] - s.start, m.dateSpan[1] - s.start) : null,
    );
    expect(days).toEqual(['on Thursday', 'on Friday']);
  });

  it('reads an acknowledged few as a range with ACLED best 3', () => {
    const s = sentence('The military acknowledged a few casualties among its troops.');
    const [m] = findCasualties(s, lexicon, []);
    expect(m).toMatchObject({ stance: 'acknowledged', low: 2, best: 3, approximate: true });
  });
});
