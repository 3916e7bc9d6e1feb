import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config.js';
import { campaignPhase } from './phase.js';

const config = defaultConfig();

describe('campaignPhase', () => {
  it('names the phase and the days left (as in the documented report example)', () => {
    expect(campaignPhase(config, '2014-08-15')).toMatchObject({ name: '整改落实、建章立制', index: 3, daysLeft: 46 });
  });
  it('switches on the phase boundaries', () => {
    expect(campaignPhase(config, '2014-05-20')).toMatchObject({ name: '学习教育、听取意见', daysLeft: 0 });
    expect(campaignPhase(config, '2014-05-21')).toMatchObject({ name: '查摆问题、开展批评', daysLeft: 40 });
    expect(campaignPhase(config, '2014-01-01')).toMatchObject({ index: 1, campaignDaysLeft: 272 });
  });
  it('knows before and after the campaign', () => {
    expect(campaignPhase(config, '2013-12-25')).toMatchObject({ name: '活动尚未开始', daysLeft: 7, campaignProgress: 0 });
    expect(campaignPhase(config, '2014-10-01')).toMatchObject({ name: '活动已结束', daysLeft: 0, campaignProgress: 1 });
  });
});
