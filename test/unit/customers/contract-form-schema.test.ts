import { describe, expect, it } from 'vitest';
import { contractFormSchema, contractInputSchema } from '@/schemas/customer-input';

const blank = { address: '', signedOn: '2026-11-01', handoverOn: '', installedOn: '', installationTeamId: '' };

describe("contract form schema (the dialog's text fields → ContractInput)", () => {
  it('turns the text fields into the input the server takes, empty fields into null', () => {
    expect(
      contractFormSchema.parse({ ...blank, address: ' 12 Kim Mã ', installationTeamId: '7', handoverOn: '2026-11-05' }),
    ).toEqual({
      address: '12 Kim Mã',
      signedOn: '2026-11-01',
      handoverOn: '2026-11-05',
      installedOn: null,
      installationTeamId: 7,
    });
    expect(contractFormSchema.parse(blank)).toEqual(contractInputSchema.parse({ signedOn: '2026-11-01' }));
  });

  it("says in Vietnamese which field is wrong, under the field's own name", () => {
    const r = contractFormSchema.safeParse({ ...blank, signedOn: '2026-02-30' });
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path).toEqual(['signedOn']);
    expect(issue.message).toMatch(/Ngày ký/);
  });
});
