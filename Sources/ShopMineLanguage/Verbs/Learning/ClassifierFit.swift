import ShopMineData
import ShopMineLearning

/// The steps every classifier verb shares: read the table, features and target, fit with progress,
/// score the training rows and wrap the model.
enum ClassifierFit {
  static func run(
    _ inv: VerbInvocation, label: String,
    _ fit: (TrainingData, Cancellation, @escaping ProgressCallback) throws(TableError) -> FittedClassifier
  ) throws(Diagnostic) -> (ClassifierObject, TrainingData) {
    let table = try inv.table()
    let features = try LearningArguments.features(inv, table)
    let target = try LearningArguments.target(inv, table, features: features)
    let data = try LearningArguments.trainingData(inv, table, target: target, features: features)
    // Scoring the training rows is part of the interruptible work: for kNN it is a neighbour search per row.
    let (model, accuracy) = try LearningArguments.run(inv, label: label) {
      cancellation, progress throws(TableError) -> (FittedClassifier, Double?) in
      let model = try fit(data, cancellation, progress)
      return (model, try LearningArguments.trainingAccuracy(model.classifier, data, cancellation: cancellation))
    }
    let object = ClassifierObject(
      model: model, target: target, trainingRows: data.x.rowCount, trainingAccuracy: accuracy)
    return (object, data)
  }
}
