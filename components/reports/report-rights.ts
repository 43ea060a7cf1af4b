/**
 * What the signed-in user may do with the payment reports, as the page computes it on the server (the `report`
 * group of the permission matrix, on any branch). A hint only: every query and file route checks again, and the
 * rows shown are those of the books where the user holds the right.
 */
export interface ReportObjectRights {
  access: boolean;
  print: boolean;
  export: boolean;
}

export interface ReportRights {
  debt: ReportObjectRights;
  collection: ReportObjectRights;
}

const MISSING: Record<'print' | 'export', string> = {
  print: 'Bạn không có quyền in báo cáo này.',
  export: 'Bạn không có quyền xuất báo cáo này ra Excel.',
};

/** The reason a file button is disabled, or null when the user holds the right. */
export const missingFileRight = (rights: ReportObjectRights, right: 'print' | 'export'): string | null =>
  rights[right] ? null : MISSING[right];
