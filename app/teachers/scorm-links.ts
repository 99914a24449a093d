/*
 * SCORM: where the build puts the SCORM 1.2 packages (one per lesson, one for the course).
 * Relative to the site's folder, so the links work from any subpath. The packages themselves are
 * made by another part of the build; this page only links to them.
 */
export const scormLessonHref = (slug: string) => `scorm/${slug}.zip`;
export const scormCourseHref = () => 'scorm/interleave-course.zip';
