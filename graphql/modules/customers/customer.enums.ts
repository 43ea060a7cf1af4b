import { builder } from '@/graphql/builder';

/*
 * The enum names are the API contract; `value` is what the database stores, so resolvers and input validation
 * keep working on stored values and only the wire form changes.
 */
export const CustomerTypeEnum = builder.enumType('CustomerType', {
  values: {
    INDIVIDUAL: { value: 0, description: 'Cá nhân, hộ gia đình' },
    ORGANISATION: { value: 1, description: 'Cơ quan, tổ chức' },
  } as const,
});

export const CustomerStatusEnum = builder.enumType('CustomerStatus', {
  values: {
    IN_SERVICE: { value: 1, description: 'Đang sử dụng nước' },
    CUT_OFF: { value: 0, description: 'Ngưng cấp nước' },
  } as const,
});

export const WastewaterFeeModeEnum = builder.enumType('WastewaterFeeMode', {
  values: {
    STANDARD: { value: 'standard', description: 'Phí thoát nước theo biểu giá chung' },
    EXEMPT: { value: 'exempt', description: 'Miễn phí thoát nước' },
    CUSTOM: { value: 'custom', description: 'Phí thoát nước riêng, theo tỷ lệ wastewaterFeeBp' },
  } as const,
});
