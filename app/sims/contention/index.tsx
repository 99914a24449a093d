export default function ContentionSim() {
  return null;
}
