/** The teachers' page lives at `#/teachers` (no lesson may take this slug). */
export const TEACHERS_SLUG = 'teachers';
